/**
 * SQL of login throttling. An attempt is counted before its password is checked, in one statement
 * per counter that only admits it while its counter allows (the upsert's RETURNING is empty when
 * it does not), so parallel guesses cannot all slip through between a read and a write.
 */

/** Time `seconds` after the ISO time parameter, as an ISO string like nowIso() makes. */
const plusSeconds = (time: string, seconds: string) =>
  `strftime('%Y-%m-%dT%H:%M:%fZ', ${time}, '+' || (${seconds}) || ' seconds')`;

export interface ClientThrottle {
  email: string;
  client: string;
  now: string;
  /** Counts start again after this time of the first failure. */
  windowStartedBefore: string;
  freeAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

/**
 * One attempt of a client on an account: admitted when its wait is over. The first `freeAttempts`
 * failures cost nothing; from then on each one doubles the wait before the next (base, 2 × base, …, max).
 * Then the wait in force, admitted or not.
 */
export function clientAttemptStatements(db: D1Database, t: ClientThrottle) {
  const failures = "(CASE WHEN window_start < ?4 THEN 1 ELSE failures + 1 END)";
  const wait = (n: string) => `CASE WHEN ${n} < ?5 THEN 0 ELSE min(?7, ?6 << min(20, ${n} - ?5)) END`;
  return [
    db
      .prepare(
        `INSERT INTO login_attempts (email, client, failures, window_start, next_at)
         VALUES (?1, ?2, 1, ?3, ${plusSeconds("?3", wait("1"))})
         ON CONFLICT (email, client) DO UPDATE SET
           next_at = ${plusSeconds("?3", wait(failures))},
           failures = ${failures},
           window_start = CASE WHEN window_start < ?4 THEN ?3 ELSE window_start END
         WHERE next_at <= ?3 OR window_start < ?4
         RETURNING failures`,
      )
      .bind(t.email, t.client, t.now, t.windowStartedBefore, t.freeAttempts, t.baseDelaySeconds, t.maxDelaySeconds),
    db.prepare("SELECT next_at FROM login_attempts WHERE email = ?1 AND client = ?2").bind(t.email, t.client),
  ];
}

/** Every untrusted client's attempts on an account in a window: admitted while fewer than `cap`. Then the window. */
export const accountAttemptStatements = (
  db: D1Database,
  a: { email: string; now: string; windowStartedBefore: string; cap: number },
) => [
  db
    .prepare(
      `INSERT INTO login_attempts (email, client, failures, window_start, next_at) VALUES (?1, '*', 1, ?2, ?2)
       ON CONFLICT (email, client) DO UPDATE SET
         failures = CASE WHEN window_start < ?3 THEN 1 ELSE failures + 1 END,
         window_start = CASE WHEN window_start < ?3 THEN ?2 ELSE window_start END
       WHERE window_start < ?3 OR failures < ?4
       RETURNING failures`,
    )
    .bind(a.email, a.now, a.windowStartedBefore, a.cap),
  db.prepare("SELECT window_start FROM login_attempts WHERE email = ?1 AND client = '*'").bind(a.email),
];

/** A right password: that client starts afresh, and the account's window no longer counts this attempt. */
export const attemptSucceeded = (db: D1Database, email: string, client: string, counted: boolean) =>
  db.batch([
    db.prepare("DELETE FROM login_attempts WHERE email = ?1 AND client = ?2").bind(email, client),
    db
      .prepare("UPDATE login_attempts SET failures = max(0, failures - ?2) WHERE email = ?1 AND client = '*'")
      .bind(email, counted ? 1 : 0),
  ]);

export const deleteStaleAttempts = (db: D1Database, before: string) =>
  db.prepare("DELETE FROM login_attempts WHERE window_start < ?1 AND next_at < ?1").bind(before).run();

export const deleteAttemptsOf = (db: D1Database, email: string) =>
  db.prepare("DELETE FROM login_attempts WHERE email = ?1").bind(email);

/** Browsers that signed in to an account before (stored as SHA-256 of the cookie's value). */
export const insertDevice = (
  db: D1Database,
  d: { idHash: string; ownerId: string; createdAt: string; expiresAt: string },
) =>
  db
    .prepare(
      `INSERT INTO login_devices (id_hash, owner_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (id_hash, owner_id) DO UPDATE SET expires_at = excluded.expires_at`,
    )
    .bind(d.idHash, d.ownerId, d.createdAt, d.expiresAt)
    .run();

export const isDeviceOf = async (db: D1Database, idHash: string, email: string, now: string) =>
  (await db
    .prepare(
      `SELECT 1 AS ok FROM login_devices d JOIN owners o ON o.id = d.owner_id
       WHERE d.id_hash = ?1 AND o.email = ?2 AND d.expires_at > ?3`,
    )
    .bind(idHash, email, now)
    .first()) !== null;

export const deleteExpiredDevices = (db: D1Database, now: string) =>
  db.prepare("DELETE FROM login_devices WHERE expires_at <= ?1").bind(now).run();
