/**
 * Owner accounts and sessions: signup, login with per-account throttling, logout,
 * and resolving the caller from the session cookie or a bearer API token.
 */

import * as owners from "../db/owners";
import * as sessions from "../db/sessions";
import * as tokens from "../db/tokens";
import { ApiError } from "../errors";
import { newId, randomToken, sha256Hex } from "../lib/crypto";
import { nowIso } from "../lib/time";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords";

export const SESSION_COOKIE = "fb_session";
export const SESSION_TTL_MS = 14 * 86_400_000;
/** Stricter than OWASP ASVS's "at most 100 failed attempts per hour per account". */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export interface NewSession {
  token: string;
  expiresAt: string;
}

async function createSession(db: D1Database, ownerId: string): Promise<NewSession> {
  const token = randomToken(32);
  const now = Date.now();
  const expiresAt = nowIso(now + SESSION_TTL_MS);
  await insertSessionRow(db, ownerId, token, nowIso(now), expiresAt);
  return { token, expiresAt };
}

const insertSessionRow = async (db: D1Database, ownerId: string, token: string, createdAt: string, expiresAt: string) =>
  sessions.insertSession(db, { idHash: await sha256Hex(token), ownerId, createdAt, expiresAt }).run();

export async function signup(
  db: D1Database,
  email: string,
  password: string,
): Promise<{ ownerId: string; session: NewSession }> {
  const id = newId("own");
  const result = await owners.insertOwner(db, {
    id,
    email,
    passwordHash: await hashPassword(password),
    createdAt: nowIso(),
  });
  if (result.meta.changes !== 1) throw new ApiError("conflict", "an account with this email already exists");
  return { ownerId: id, session: await createSession(db, id) };
}

export async function login(
  db: D1Database,
  email: string,
  password: string,
): Promise<{ ownerId: string; session: NewSession }> {
  const now = Date.now();
  const failures = await owners.getLoginFailures(db, email);
  if (failures && failures.failures >= LOGIN_MAX_FAILURES) {
    const reopen = Date.parse(failures.window_start) + LOGIN_WINDOW_MS;
    if (reopen > now) {
      const retryAfter = Math.ceil((reopen - now) / 1000);
      throw new ApiError(
        "rate_limited",
        `too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minutes`,
        undefined,
        {
          "Retry-After": String(retryAfter),
        },
      );
    }
  }
  const owner = await owners.findOwnerByEmail(db, email);
  const ok = await verifyPassword(password, owner?.password_hash ?? DUMMY_HASH);
  if (!owner || !ok) {
    await owners.recordLoginFailure(db, email, nowIso(now), nowIso(now - LOGIN_WINDOW_MS));
    throw new ApiError("unauthorized", "wrong email or password");
  }
  await owners.clearLoginFailures(db, email);
  // A fresh session id at every login (no fixation); stale sessions are swept on the way.
  await sessions.deleteExpiredSessions(db, nowIso(now));
  return { ownerId: owner.id, session: await createSession(db, owner.id) };
}

export async function logout(
  db: D1Database,
  token: string | undefined,
  everywhere: boolean,
  ownerId?: string,
): Promise<void> {
  if (everywhere && ownerId) await sessions.deleteOwnerSessions(db, ownerId);
  else if (token) await sessions.deleteSession(db, await sha256Hex(token));
}

export interface Caller {
  ownerId: string;
  via: "session" | "token";
  /** A bearer token grants access to its one site only. */
  tokenSiteId?: string;
}

export async function callerFromSession(db: D1Database, token: string): Promise<Caller | null> {
  const row = await sessions.findSession(db, await sha256Hex(token), nowIso());
  return row ? { ownerId: row.owner_id, via: "session" } : null;
}

export async function callerFromBearer(db: D1Database, token: string): Promise<Caller | null> {
  const row = await tokens.findActiveToken(db, await sha256Hex(token));
  if (!row) return null;
  await tokens.touchToken(db, row.id, nowIso());
  return { ownerId: row.owner_id, via: "token", tokenSiteId: row.site_id };
}

/** The signed-in owner (GET /api/auth/me). */
export async function me(db: D1Database, ownerId: string): Promise<{ id: string; email: string }> {
  const owner = await owners.findOwnerById(db, ownerId);
  if (!owner) throw new ApiError("unauthorized", "sign in first");
  return { id: owner.id, email: owner.email };
}
