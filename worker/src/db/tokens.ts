/** SQL of per-site API tokens (stored as SHA-256, shown once), their scopes and who minted them. */
import type { TokenScope } from "../../../shared/constants";

export interface TokenRow {
  id: string;
  site_id: string;
  name: string;
  scope: TokenScope;
  parent_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface NewToken {
  id: string;
  siteId: string;
  name: string;
  scope: TokenScope;
  hash: string;
  createdAt: string;
  createdBy: string;
  parentId: string | null;
}

export const insertToken = (db: D1Database, t: NewToken) =>
  db
    .prepare(
      `INSERT INTO api_tokens (id, site_id, name, scope, token_hash, created_at, created_by, parent_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(t.id, t.siteId, t.name, t.scope, t.hash, t.createdAt, t.createdBy, t.parentId)
    .run();

export const findActiveToken = (db: D1Database, hash: string) =>
  db
    .prepare(
      `SELECT id, site_id, scope, created_by FROM api_tokens
       WHERE token_hash = ?1 AND revoked_at IS NULL AND created_by IS NOT NULL`,
    )
    .bind(hash)
    .first<{ id: string; site_id: string; scope: TokenScope; created_by: string }>();

export const touchToken = (db: D1Database, id: string, at: string) =>
  db.prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1").bind(id, at).run();

export const listTokens = async (db: D1Database, siteId: string) =>
  (
    await db
      .prepare(
        `SELECT id, site_id, name, scope, parent_id, created_at, last_used_at, revoked_at FROM api_tokens
         WHERE site_id = ?1 ORDER BY created_at DESC`,
      )
      .bind(siteId)
      .all<TokenRow>()
  ).results;

/** Revokes a token and every token minted from it, down the chain. Returns how many were revoked. */
export const revokeTokenChain = async (db: D1Database, siteId: string, id: string, at: string) =>
  (
    await db
      .prepare(
        `WITH RECURSIVE chain(id) AS (
           SELECT id FROM api_tokens WHERE site_id = ?1 AND id = ?2 AND revoked_at IS NULL
           UNION SELECT t.id FROM api_tokens t JOIN chain ON t.parent_id = chain.id
         )
         UPDATE api_tokens SET revoked_at = ?3 WHERE id IN (SELECT id FROM chain) AND revoked_at IS NULL RETURNING id`,
      )
      .bind(siteId, id, at)
      .all()
  ).results.length;
