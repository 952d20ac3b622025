/**
 * Retention: responses older than their site's retention days are deleted by the Cron
 * Trigger in bounded chunks (each chunk one transaction; a run stops at its budget and the
 * next run continues), so a large site never exceeds Worker or D1 limits. The per-day
 * aggregates keep the weight of expired answers: long-term trends survive, raw answers do not.
 */

import { purgeChunk, sitesWithExpired } from "../db/retention";
import { withD1Retry } from "../lib/d1-retry";
import { nowIso } from "../lib/time";

export const PURGE_CHUNK = 1000;
/** Chunks per run: 20 × (1 update + 1 delete with its triggers) stays far below 1,000 queries and 30 s per batch. */
export const PURGE_CHUNKS_PER_RUN = 20;

export interface PurgeReport {
  deleted: number;
  done: boolean;
}

export async function purgeExpired(db: D1Database, now: number, budget = PURGE_CHUNKS_PER_RUN): Promise<PurgeReport> {
  let deleted = 0;
  let chunks = 0;
  const sites = await withD1Retry(() => sitesWithExpired(db, nowIso(now)));
  for (const site of sites) {
    const cutoff = nowIso(now - site.retention_days * 86_400_000);
    for (;;) {
      if (chunks >= budget) return { deleted, done: false };
      const n = await withD1Retry(() => purgeChunk(db, site.id, cutoff, PURGE_CHUNK));
      chunks++;
      deleted += n;
      if (n < PURGE_CHUNK) break;
    }
  }
  return { deleted, done: true };
}
