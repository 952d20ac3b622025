/** SQL of owners and their login throttling. */
export interface OwnerRow {
  id: string;
  email: string;
  password_hash: string;
}

export const findOwnerByEmail = (db: D1Database, email: string) =>
  db.prepare("SELECT id, email, password_hash FROM owners WHERE email = ?1").bind(email).first<OwnerRow>();

export const insertOwner = (
  db: D1Database,
  o: { id: string; email: string; passwordHash: string; createdAt: string },
) =>
  db
    .prepare(
      "INSERT INTO owners (id, email, password_hash, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (email) DO NOTHING",
    )
    .bind(o.id, o.email, o.passwordHash, o.createdAt)
    .run();

export const findOwnerById = (db: D1Database, id: string) =>
  db.prepare("SELECT id, email FROM owners WHERE id = ?1").bind(id).first<{ id: string; email: string }>();

export interface LoginFailures {
  window_start: string;
  failures: number;
}

export const getLoginFailures = (db: D1Database, email: string) =>
  db.prepare("SELECT window_start, failures FROM login_failures WHERE email = ?1").bind(email).first<LoginFailures>();

/** Counts one failure, starting a new window when the old one has passed. */
export const recordLoginFailure = (db: D1Database, email: string, now: string, windowStartedBefore: string) =>
  db
    .prepare(
      `INSERT INTO login_failures (email, window_start, failures) VALUES (?1, ?2, 1)
     ON CONFLICT (email) DO UPDATE SET
       failures = CASE WHEN window_start < ?3 THEN 1 ELSE failures + 1 END,
       window_start = CASE WHEN window_start < ?3 THEN ?2 ELSE window_start END`,
    )
    .bind(email, now, windowStartedBefore)
    .run();

export const clearLoginFailures = (db: D1Database, email: string) =>
  db.prepare("DELETE FROM login_failures WHERE email = ?1").bind(email).run();
