/**
 * Owner accounts and sessions: sign-up (open or by invitation), login throttled before the password
 * is checked, logout, and the caller of an owner route from the session cookie or a bearer token.
 *
 * Sign-up never tells whether an email has an account. By invitation (deployed collectors), every
 * sign-up without a valid invitation gets the same `403 signup_closed`, and an invitation is bound
 * to its email. In open mode an email that has an account answers like a new one (201, same body,
 * a session cookie): with that account's own password it is a sign-in; with any other password the
 * cookie opens nothing and the attempt counts as a failed login. Telling the two apart takes a second
 * request, throttled per client like every /api/auth route; only email verification could hide it
 * entirely, which is why deployments default to sign-up by invitation.
 */
import type { SignupMode, TokenScope } from "../../../shared/constants";
import { insertDevice } from "../db/login-throttle";
import * as owners from "../db/owners";
import * as sessions from "../db/sessions";
import * as tokens from "../db/tokens";
import { ApiError } from "../errors";
import { newId, randomToken, sha256Hex } from "../lib/crypto";
import { nowIso } from "../lib/time";
import { type AttemptOrigin, admitAttempt, attemptSucceeded, DEVICE_TTL_MS } from "./login-throttle";
import { acceptStatements, invitationForSignup } from "./members";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "./passwords";

export const SESSION_COOKIE = "fb_session";
export const SESSION_TTL_MS = 14 * 86_400_000;

export interface NewSession {
  token: string;
  expiresAt: string;
}

export interface SignedIn {
  ownerId: string;
  email: string;
  session: NewSession;
  /** A device cookie to set (the browser is then trusted by the account-wide login cap). */
  device: NewSession | null;
}

async function startSession(db: D1Database, ownerId: string, email: string, device?: string): Promise<SignedIn> {
  const now = Date.now();
  const session = { token: randomToken(32), expiresAt: nowIso(now + SESSION_TTL_MS) };
  const deviceToken = device ?? randomToken(32);
  const deviceExpires = nowIso(now + DEVICE_TTL_MS);
  await sessions
    .insertSession(db, {
      idHash: await sha256Hex(session.token),
      ownerId,
      createdAt: nowIso(now),
      expiresAt: session.expiresAt,
    })
    .run();
  await insertDevice(db, {
    idHash: await sha256Hex(deviceToken),
    ownerId,
    createdAt: nowIso(now),
    expiresAt: deviceExpires,
  });
  return { ownerId, email, session, device: { token: deviceToken, expiresAt: deviceExpires } };
}

/** What a sign-up with another account's email gets: the same answer, and a cookie that opens nothing. */
const unopened = (email: string): SignedIn => ({
  ownerId: newId("own"),
  email,
  session: { token: randomToken(32), expiresAt: nowIso(Date.now() + SESSION_TTL_MS) },
  device: null,
});

/** Checks a password as a login attempt: counted first, throttled, then verified. Null when wrong. */
export async function checkPassword(db: D1Database, email: string, password: string, from: AttemptOrigin) {
  const attempt = await admitAttempt(db, email, from);
  const owner = await owners.findOwnerByEmail(db, email);
  const ok = await verifyPassword(password, owner?.password_hash ?? DUMMY_HASH);
  if (!owner || !ok) return null;
  await attemptSucceeded(db, attempt);
  if (needsRehash(owner.password_hash)) await owners.updatePasswordHash(db, owner.id, await hashPassword(password));
  return owner;
}

export interface SignupInput {
  email: string;
  password: string;
  invite?: string | undefined;
}

export async function signup(
  db: D1Database,
  input: SignupInput,
  mode: SignupMode,
  from: AttemptOrigin,
): Promise<SignedIn> {
  const account = { id: newId("own"), email: input.email, passwordHash: "", createdAt: nowIso() };
  const invitation = input.invite ? await invitationForSignup(db, input.invite, input.email) : null;
  account.passwordHash = await hashPassword(input.password);
  const insert = invitation
    ? owners.insertInvitedOwnerStatement(db, account, invitation.tokenHash)
    : mode === "invite"
      ? owners.insertFirstOwnerStatement(db, account)
      : owners.insertOwnerStatement(db, account);
  const [created] = await db.batch([
    insert,
    ...(invitation ? acceptStatements(db, invitation.tokenHash, account.id) : []),
  ]);
  if (created!.meta.changes === 1) return startSession(db, account.id, account.email, from.device);
  if (mode === "invite" && !invitation) {
    throw new ApiError("signup_closed", "sign-up is by invitation: ask an owner of a site for an invitation link");
  }
  // The email has an account: a sign-in with its own password, else an answer that tells nothing.
  const owner = await checkPassword(db, input.email, input.password, from).catch((err) => {
    if (err instanceof ApiError && err.code === "rate_limited") return null;
    throw err;
  });
  if (!owner) return unopened(input.email);
  if (invitation) await db.batch(acceptStatements(db, invitation.tokenHash, owner.id));
  return startSession(db, owner.id, owner.email, from.device);
}

export async function login(db: D1Database, email: string, password: string, from: AttemptOrigin) {
  const owner = await checkPassword(db, email, password, from);
  if (!owner) throw new ApiError("unauthorized", "wrong email or password");
  // A fresh session id at every login (no fixation); stale sessions are swept on the way.
  await sessions.deleteExpiredSessions(db, nowIso());
  return startSession(db, owner.id, owner.email, from.device);
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
  /** A bearer token acts on its one site only, with at most its scope's role. */
  token?: { id: string; siteId: string; scope: TokenScope };
}

export async function callerFromSession(db: D1Database, token: string): Promise<Caller | null> {
  const row = await sessions.findSession(db, await sha256Hex(token), nowIso());
  return row ? { ownerId: row.owner_id, via: "session" } : null;
}

export async function callerFromBearer(db: D1Database, token: string): Promise<Caller | null> {
  const row = await tokens.findActiveToken(db, await sha256Hex(token));
  if (!row) return null;
  await tokens.touchToken(db, row.id, nowIso());
  return { ownerId: row.created_by, via: "token", token: { id: row.id, siteId: row.site_id, scope: row.scope } };
}

/** The signed-in owner (GET /api/auth/me). */
export async function me(db: D1Database, ownerId: string): Promise<{ id: string; email: string }> {
  const owner = await owners.findOwnerById(db, ownerId);
  if (!owner) throw new ApiError("unauthorized", "sign in first");
  return { id: owner.id, email: owner.email };
}
