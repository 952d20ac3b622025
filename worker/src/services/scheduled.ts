/**
 * Work of the hourly Cron Trigger: retention purge, session sweep, re-queueing of lost alerts,
 * erasure fences no queued answer can need any more, and the `unhappy` flag of responses stored
 * before it existed.
 */
import { purgeFences } from "../db/ingest-drops";
import { deleteExpiredSessions } from "../db/sessions";
import type { Env } from "../env";
import { nowIso } from "../lib/time";
import { requeueStaleAlerts } from "./alerts";
import { backfillUnhappy } from "./backfill";
import { purgeExpired } from "./retention";

/** Queues keep a message at most 14 days (their longest retention): a fence older than that guards nothing. */
export const FENCE_KEEP_MS = 14 * 86_400_000;

export async function runScheduled(env: Env, scheduledTime: number): Promise<void> {
  const purge = await purgeExpired(env.DB, scheduledTime);
  await deleteExpiredSessions(env.DB, nowIso(scheduledTime));
  const fences = await purgeFences(env.DB, nowIso(scheduledTime - FENCE_KEEP_MS));
  const requeued = await requeueStaleAlerts(env, scheduledTime);
  const backfilled = await backfillUnhappy(env.DB);
  console.log(
    JSON.stringify({
      event: "scheduled",
      purged: purge.deleted,
      purgeDone: purge.done,
      requeuedAlerts: requeued,
      fencesPurged: fences,
      unhappyBackfilled: backfilled,
    }),
  );
}
