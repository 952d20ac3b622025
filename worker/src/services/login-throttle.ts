/**
 * Login throttling that slows guessing without locking the owner out. Each attempt is counted before
 * its password is checked (issue: parallel guesses once all slipped through between read and write):
 * - per account and client: ten failures are free, then each one doubles the wait before that client's
 *   next try (30 s, 1 min, 2 min … 15 min), so a guesser slows down while the owner's own browser does not;
 * - per account, for clients it has never signed in from: at most 100 attempts an hour (OWASP ASVS),
 *   so many clients together cannot guess faster. A browser that signed in before carries a device
 *   cookie and is not held by this cap, so guesses from elsewhere cannot lock its owner out.
 * Together with the per-client limit of every /api/auth route (middleware/rate-limit.ts).
 */
import * as throttle from "../db/login-throttle";
import { ApiError } from "../errors";
import { sha256Hex } from "../lib/crypto";
import { nowIso } from "../lib/time";

export const LOGIN_FREE_FAILURES = 10;
export const LOGIN_BASE_DELAY_SECONDS = 30;
export const LOGIN_MAX_DELAY_SECONDS = 15 * 60;
/** Counts of one client start again a day after its first failure. */
export const LOGIN_CLIENT_WINDOW_MS = 86_400_000;
export const LOGIN_ACCOUNT_CAP = 100;
export const LOGIN_ACCOUNT_WINDOW_MS = 3_600_000;
export const DEVICE_COOKIE = "fb_device";
export const DEVICE_TTL_MS = 365 * 86_400_000;

export interface AttemptOrigin {
  /** Keyed hash of the client's address (lib/client-key.ts), never the address. */
  client: string;
  /** The device cookie's value, if the browser sent one. */
  device?: string | undefined;
}

export interface Attempt {
  email: string;
  client: string;
  /** Whether the account-wide cap counted it (untrusted clients only). */
  counted: boolean;
}

const throttled = (until: number, now: number) => {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new ApiError("rate_limited", `too many failed logins; try again in ${wait}`, undefined, {
    "Retry-After": String(seconds),
  });
};

/** Counts an attempt on `email` and admits it, or throws 429 with Retry-After. */
export async function admitAttempt(db: D1Database, email: string, from: AttemptOrigin, now = Date.now()) {
  const trusted = from.device ? await throttle.isDeviceOf(db, await sha256Hex(from.device), email, nowIso(now)) : false;
  const statements = throttle.clientAttemptStatements(db, {
    email,
    client: from.client,
    now: nowIso(now),
    windowStartedBefore: nowIso(now - LOGIN_CLIENT_WINDOW_MS),
    freeAttempts: LOGIN_FREE_FAILURES,
    baseDelaySeconds: LOGIN_BASE_DELAY_SECONDS,
    maxDelaySeconds: LOGIN_MAX_DELAY_SECONDS,
  });
  if (!trusted) {
    statements.push(
      ...throttle.accountAttemptStatements(db, {
        email,
        now: nowIso(now),
        windowStartedBefore: nowIso(now - LOGIN_ACCOUNT_WINDOW_MS),
        cap: LOGIN_ACCOUNT_CAP,
      }),
    );
  }
  const [client, clientWait, account, accountWindow] = await db.batch(statements);
  if (client!.results.length === 0) {
    throw throttled(Date.parse((clientWait!.results[0] as { next_at: string }).next_at), now);
  }
  if (account && account.results.length === 0) {
    const start = Date.parse((accountWindow!.results[0] as { window_start: string }).window_start);
    throw throttled(start + LOGIN_ACCOUNT_WINDOW_MS, now);
  }
  return { email, client: from.client, counted: !trusted } satisfies Attempt;
}

/** The password was right: the client starts afresh. */
export const attemptSucceeded = (db: D1Database, a: Attempt) =>
  throttle.attemptSucceeded(db, a.email, a.client, a.counted);
