/**
 * Retries D1 calls that failed for transient reasons. Safe only for idempotent work:
 * every write of the collector is keyed by the client's id. Load-shedding errors
 * (overloaded, timeouts) are not retried here: they become 503 with Retry-After so the
 * widget keeps the answer and comes back later (D1 documents both kinds of error).
 */
import { ApiError, errorText } from "../errors";

/** Refused before the statement ran (no database reached, or its lock not taken): nothing was committed. */
const BEFORE_COMMIT = [/cannot resolve d1 db due to transient issue/i, /database is locked|SQLITE_BUSY/i];
const TRANSIENT = [
  ...BEFORE_COMMIT,
  /network connection lost/i,
  /storage caused object to be reset/i,
  /reset because its code was updated/i,
  /internal error/i,
];
const SHED = [/overloaded/i, /timed? ?out/i, /too many requests queued/i];

const matching = (patterns: RegExp[]) => (err: unknown) => patterns.some((re) => re.test(errorText(err)));

export const isTransientD1Error = matching(TRANSIENT);
export const isOverloadD1Error = matching(SHED);

/** The database shed the load or kept failing: 503 with Retry-After (the widget keeps the answer). */
export class DatabaseBusy extends ApiError {
  constructor() {
    super("unavailable", "the database is busy; retry later", undefined, { "Retry-After": "5" });
  }
}

/** The database itself is unavailable (shed load, or still failing after retries), not one statement. */
export const isDatabaseDown = (err: unknown) =>
  err instanceof DatabaseBusy || isOverloadD1Error(err) || isTransientD1Error(err);

/** Failures that surely came before any commit: retrying them cannot apply a write twice. */
export const isBeforeCommitD1Error = matching(BEFORE_COMMIT);

export interface RetryOptions {
  /**
   * Which transient failures to retry (all of them by default: every write of an answer is keyed by
   * its id); the others become `DatabaseBusy` at once.
   */
  retryable?: (err: unknown) => boolean;
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export async function withD1Retry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseDelayMs ?? 25;
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const retryable = opts.retryable ?? isTransientD1Error;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (isOverloadD1Error(err) || (isTransientD1Error(err) && (attempt >= attempts || !retryable(err)))) {
        throw new DatabaseBusy();
      }
      if (!isTransientD1Error(err)) throw err;
      // Full jitter: spread the retries of concurrent requests apart.
      await sleep(Math.random() * base * 2 ** attempt);
    }
  }
}
