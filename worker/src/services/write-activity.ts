/**
 * Whether this isolate is taking in submissions or writing queued ones just now. An owner's scan then
 * yields more of the time (bounded-scan.ts): its work and the writes compete for the same CPU and
 * the same database, and ingestion comes first. Only this isolate's own writes are seen; the writes
 * of others meet the share every scan keeps anyway, so knowing more could only make scans slower.
 */

/** How long after the last write the isolate still counts as writing. */
const RECENT_MS = 1_000;

let lastWriteAt = Number.NEGATIVE_INFINITY;

export function noteWrite(now = Date.now()): void {
  lastWriteAt = now;
}

export const writingLately = (now = Date.now()): boolean => now >= lastWriteAt && now - lastWriteAt < RECENT_MS;
