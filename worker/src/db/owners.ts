/** SQL of owner accounts. */
export interface OwnerRow {
  id: string;
  email: string;
  password_hash: string;
}

export interface NewOwner {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: string;
}

export const findOwnerByEmail = (db: D1Database, email: string) =>
  db
    .prepare("SELECT id, email, password_hash FROM owners WHERE email = ?1 AND deleted_at IS NULL")
    .bind(email)
    .first<OwnerRow>();

export const findOwnerById = (db: D1Database, id: string) =>
  db
    .prepare("SELECT id, email, password_hash FROM owners WHERE id = ?1 AND deleted_at IS NULL")
    .bind(id)
    .first<OwnerRow>();

const insertSql = "INSERT INTO owners (id, email, password_hash, created_at)";

/** A new account, unless the email has one (then nothing is written: `changes` is 0). */
export const insertOwnerStatement = (db: D1Database, o: NewOwner) =>
  db
    .prepare(`${insertSql} VALUES (?1, ?2, ?3, ?4) ON CONFLICT (email) DO NOTHING`)
    .bind(o.id, o.email, o.passwordHash, o.createdAt);

/** The first account of a collector where sign-up is by invitation: only while there is none. */
export const insertFirstOwnerStatement = (db: D1Database, o: NewOwner) =>
  db
    .prepare(
      `${insertSql} SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM owners) ON CONFLICT (email) DO NOTHING`,
    )
    .bind(o.id, o.email, o.passwordHash, o.createdAt);

/** A new account for an invitation's email, only while the invitation is still usable. */
export const insertInvitedOwnerStatement = (db: D1Database, o: NewOwner, tokenHash: string) =>
  db
    .prepare(
      `${insertSql} SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (
         SELECT 1 FROM invitations WHERE token_hash = ?5 AND email = ?2 AND expires_at > ?4)
       ON CONFLICT (email) DO NOTHING`,
    )
    .bind(o.id, o.email, o.passwordHash, o.createdAt, tokenHash);

export const updatePasswordHash = (db: D1Database, id: string, hash: string) =>
  db.prepare("UPDATE owners SET password_hash = ?2 WHERE id = ?1").bind(id, hash).run();
