/** Work of the hourly Cron Trigger: retention purge, session sweep, re-queueing of lost alerts. */

import { deleteExpiredSessions } from "../db/sessions";
import type { Env } from "../env";
import { nowIso } from "../lib/time";
import { requeueStaleAlerts } from "./alerts";
import { purgeExpired } from "./retention";

export async function runScheduled(env: Env, scheduledTime: number): Promise<void> {
  const purge = await purgeExpired(env.DB, scheduledTime);
  await deleteExpiredSessions(env.DB, nowIso(scheduledTime));
  const requeued = await requeueStaleAlerts(env, scheduledTime);
  console.log(
    JSON.stringify({ event: "scheduled", purged: purge.deleted, purgeDone: purge.done, requeuedAlerts: requeued }),
  );
}
