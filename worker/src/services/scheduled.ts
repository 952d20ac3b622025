/** Work of the Cron Trigger: expired sessions now; retention is added with the privacy lifecycle. */
import type { Env } from "../env";
import { deleteExpiredSessions } from "../db/sessions";
import { nowIso } from "../lib/time";

export async function runScheduled(env: Env, scheduledTime: number): Promise<void> {
  await deleteExpiredSessions(env.DB, nowIso(scheduledTime));
}
