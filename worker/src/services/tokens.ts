/**
 * API tokens of a site: made here (shown once), stored as SHA-256, listed, revoked. A token acts with
 * at most its scope's role (shared/constants.ts SCOPE_ROLE) and its maker's role; a token can mint
 * tokens no wider than itself, and revoking a token revokes every token minted from it.
 */
import { TOKEN_SCOPES, type TokenScope } from "../../../shared/constants";
import type { ApiToken, ApiTokenCreated } from "../../../shared/types";
import * as tokens from "../db/tokens";
import { ApiError } from "../errors";
import { newId, randomToken, sha256Hex } from "../lib/crypto";
import { nowIso } from "../lib/time";
import type { Caller } from "./auth";

export async function createToken(
  db: D1Database,
  siteId: string,
  caller: Caller,
  input: { name: string; scope: TokenScope },
): Promise<ApiTokenCreated> {
  if (caller.token && TOKEN_SCOPES.indexOf(input.scope) > TOKEN_SCOPES.indexOf(caller.token.scope)) {
    throw new ApiError("forbidden", `a token with scope ${caller.token.scope} cannot mint a ${input.scope} token`);
  }
  const token = `fbt_${randomToken(32)}`;
  const id = newId("tok");
  const createdAt = nowIso();
  await tokens.insertToken(db, {
    id,
    siteId,
    name: input.name,
    scope: input.scope,
    hash: await sha256Hex(token),
    createdAt,
    createdBy: caller.ownerId,
    parentId: caller.token?.id ?? null,
  });
  return { id, name: input.name, scope: input.scope, token, createdAt };
}

export async function listTokens(db: D1Database, siteId: string): Promise<ApiToken[]> {
  const rows = await tokens.listTokens(db, siteId);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    scope: t.scope,
    parentId: t.parent_id,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
}

export async function revokeToken(db: D1Database, siteId: string, tokenId: string): Promise<void> {
  const revoked = await tokens.revokeTokenChain(db, siteId, tokenId, nowIso());
  if (revoked === 0) throw new ApiError("not_found", "no such active token");
}
