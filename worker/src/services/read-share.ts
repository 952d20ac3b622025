/**
 * Each caller's owner reads take at most a twentieth of the time in the long run: a dashboard (or an API
 * token's script) reading results in a loop would otherwise hold D1, which runs one query at a time,
 * and every submission would wait behind it. A token bucket of busy time per caller, in the isolate:
 * a page of the dashboard (a handful of reads) passes at once from the burst; a loop is slowed until
 * its requests take READ_SHARE of the time. Reads that scan pace themselves within a request too
 * (bounded-scan.ts).
 */

/** The long-run share of the time a caller's reads may take. */
export const READ_SHARE = 0.05;
/** Busy time a caller may spend at once (a dashboard page's reads) before being paced. */
export const READ_BURST_MS = 250;
const MAX_CALLERS = 1000;

interface Bucket {
  /** Busy time still allowed (negative: owed, to be waited for). */
  tokens: number;
  at: number;
}

const buckets = new Map<string, Bucket>();

function bucketOf(caller: string, now: number): Bucket {
  let b = buckets.get(caller);
  if (!b) {
    if (buckets.size >= MAX_CALLERS) buckets.delete(buckets.keys().next().value as string);
    b = { tokens: READ_BURST_MS, at: now };
    buckets.set(caller, b);
  }
  // Time passing earns busy time back at READ_SHARE, up to the burst.
  b.tokens = Math.min(READ_BURST_MS, b.tokens + (now - b.at) * READ_SHARE);
  b.at = now;
  return b;
}

/** How long the caller must wait before its next read (0 while it has busy time left). */
export const waitBeforeRead = (caller: string, now = Date.now()): number => {
  const b = bucketOf(caller, now);
  return b.tokens >= 0 ? 0 : -b.tokens / READ_SHARE;
};

/**
 * Charges a read that kept the caller busy `ms` (its wall time: its queries and their wait). No read
 * is charged more than the burst: one that reads in windows already paused to keep to its share.
 */
export function chargeRead(caller: string, ms: number, now = Date.now()): void {
  bucketOf(caller, now).tokens -= Math.min(ms, READ_BURST_MS);
}
