/**
 * Work of the hourly Cron Trigger: retention purge, deletions of sites, surveys and accounts left
 * unfinished by their requests, sweeps of expired sessions, invitations and login counts, erasure
 * fences no queued answer can need any more, re-queueing of lost webhook deliveries and purge of old
 * settled ones, and the `unhappy` flag of responses stored before it existed.
 */
import { purgeSettledDeliveries } from "../db/alerts";
import { purgeFences } from "../db/ingest-drops";
import { deleteExpiredDevices, deleteStaleAttempts } from "../db/login-throttle";
import { deleteExpiredInvitations } from "../db/members";
import { deleteExpiredSessions } from "../db/sessions";
import type { Env } from "../env";
import { nowIso } from "../lib/time";
import { requeueStaleAlerts } from "./alerts";
import { backfillUnhappy } from "./backfill";
import { continueDeletions } from "./deletion";
import { LOGIN_CLIENT_WINDOW_MS } from "./login-throttle";
import { purgeExpired } from "./retention";

/** Settled webhook deliveries are kept this long for the dashboard's delivery status. */
const DELIVERY_KEEP_MS = 30 * 86_400_000;
/** Queues keep a message at most 14 days (their longest retention): a fence older than that guards nothing. */
export const FENCE_KEEP_MS = 14 * 86_400_000;

export async function runScheduled(env: Env, scheduledTime: number): Promise<void> {
  const purge = await purgeExpired(env.DB, scheduledTime);
  const deletions = await continueDeletions(env.DB);
  const now = nowIso(scheduledTime);
  await deleteExpiredSessions(env.DB, now);
  await deleteExpiredInvitations(env.DB, now);
  await deleteExpiredDevices(env.DB, now);
  await deleteStaleAttempts(env.DB, nowIso(scheduledTime - LOGIN_CLIENT_WINDOW_MS));
  const fences = await purgeFences(env.DB, nowIso(scheduledTime - FENCE_KEEP_MS));
  const requeued = await requeueStaleAlerts(env, scheduledTime);
  const deliveriesPurged = await purgeSettledDeliveries(env.DB, nowIso(scheduledTime - DELIVERY_KEEP_MS));
  const backfilled = await backfillUnhappy(env.DB);
  console.log(
    JSON.stringify({
      event: "scheduled",
      purged: purge.deleted,
      purgeDone: purge.done,
      deletionChunks: deletions.chunks,
      deletionsFinished: deletions.finished,
      requeuedAlerts: requeued,
      deliveriesPurged,
      fencesPurged: fences,
      unhappyBackfilled: backfilled,
    }),
  );
}
