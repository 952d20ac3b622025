/** API tokens of a site: made here (shown once), stored as SHA-256, listed, revoked. */
import * as tokens from "../db/tokens";
import { ApiError } from "../errors";
import { newId, randomToken, sha256Hex } from "../lib/crypto";
import { nowIso } from "../lib/time";

export async function createToken(db: D1Database, siteId: string, name: string) {
  const token = `fbt_${randomToken(32)}`;
  const id = newId("tok");
  const createdAt = nowIso();
  await tokens.insertToken(db, { id, siteId, name, hash: await sha256Hex(token), createdAt });
  return { id, name, token, createdAt };
}

export async function listTokens(db: D1Database, siteId: string) {
  const rows = await tokens.listTokens(db, siteId);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
}

export async function revokeToken(db: D1Database, siteId: string, tokenId: string): Promise<void> {
  const result = await tokens.revokeToken(db, siteId, tokenId, nowIso());
  if (result.meta.changes !== 1) throw new ApiError("not_found", "no such active token");
}
