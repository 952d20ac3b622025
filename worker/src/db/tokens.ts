/** SQL of per-site API tokens (stored as SHA-256, shown once). */
export interface TokenRow {
  id: string;
  site_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export const insertToken = (
  db: D1Database,
  t: { id: string; siteId: string; name: string; hash: string; createdAt: string },
) =>
  db
    .prepare("INSERT INTO api_tokens (id, site_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(t.id, t.siteId, t.name, t.hash, t.createdAt)
    .run();

export const findActiveToken = (db: D1Database, hash: string) =>
  db
    .prepare(
      `SELECT t.id, t.site_id, s.owner_id FROM api_tokens t JOIN sites s ON s.id = t.site_id
     WHERE t.token_hash = ?1 AND t.revoked_at IS NULL`,
    )
    .bind(hash)
    .first<{ id: string; site_id: string; owner_id: string }>();

export const touchToken = (db: D1Database, id: string, at: string) =>
  db.prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1").bind(id, at).run();

export const listTokens = async (db: D1Database, siteId: string) =>
  (
    await db
      .prepare(
        "SELECT id, site_id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE site_id = ?1 ORDER BY created_at DESC",
      )
      .bind(siteId)
      .all<TokenRow>()
  ).results;

export const revokeToken = (db: D1Database, siteId: string, id: string, at: string) =>
  db
    .prepare("UPDATE api_tokens SET revoked_at = ?3 WHERE site_id = ?1 AND id = ?2 AND revoked_at IS NULL")
    .bind(siteId, id, at)
    .run();
