/**
 * Work of the hourly Cron Trigger: retention purge, session sweep, re-queueing of lost alerts, and
 * the `unhappy` flag of responses stored before it existed.
 */
import { deleteExpiredSessions } from "../db/sessions";
import type { Env } from "../env";
import { nowIso } from "../lib/time";
import { requeueStaleAlerts } from "./alerts";
import { backfillUnhappy } from "./backfill";
import { purgeExpired } from "./retention";

export async function runScheduled(env: Env, scheduledTime: number): Promise<void> {
  const purge = await purgeExpired(env.DB, scheduledTime);
  await deleteExpiredSessions(env.DB, nowIso(scheduledTime));
  const requeued = await requeueStaleAlerts(env, scheduledTime);
  const backfilled = await backfillUnhappy(env.DB);
  console.log(
    JSON.stringify({
      event: "scheduled",
      purged: purge.deleted,
      purgeDone: purge.done,
      requeuedAlerts: requeued,
      unhappyBackfilled: backfilled,
    }),
  );
}
