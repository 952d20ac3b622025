/** SQL of server-side sessions (only hashes of cookie values are stored). */
export const insertSession = (
  db: D1Database,
  s: { idHash: string; ownerId: string; createdAt: string; expiresAt: string },
) =>
  db
    .prepare("INSERT INTO sessions (id_hash, owner_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(s.idHash, s.ownerId, s.createdAt, s.expiresAt);

export const findSession = (db: D1Database, idHash: string, now: string) =>
  db
    .prepare("SELECT owner_id, expires_at FROM sessions WHERE id_hash = ?1 AND expires_at > ?2")
    .bind(idHash, now)
    .first<{ owner_id: string; expires_at: string }>();

export const deleteSession = (db: D1Database, idHash: string) =>
  db.prepare("DELETE FROM sessions WHERE id_hash = ?1").bind(idHash).run();

export const deleteOwnerSessions = (db: D1Database, ownerId: string) =>
  db.prepare("DELETE FROM sessions WHERE owner_id = ?1").bind(ownerId).run();

export const deleteExpiredSessions = (db: D1Database, now: string) =>
  db.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(now).run();
