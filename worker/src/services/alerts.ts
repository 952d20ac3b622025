/**
 * Webhook deliveries, alerts of unhappy customers among them: created with the response or the change
 * they report (same transaction), queued after the write, and sent by the queue consumer
 * (webhooks-delivery.ts), so a slow or failing webhook never slows or fails ingestion. A partial
 * response's alert waits for the rest of it (the "why") until it completes or 30 minutes pass without
 * a new part. The payload is built at send time (webhooks-payload.ts): an answer erased in the
 * meantime is never sent.
 */

import * as alerts from "../db/alerts";
import type { Env } from "../env";
import { logFailure } from "../errors";
import type { KeepAlive } from "../lib/keep-alive";
import { nowIso } from "../lib/time";
import type { AlertMessage } from "../messages";

/** An unhappy partial answer waits this long for the rest (the "why") before its alert goes. */
export const ALERT_SILENCE_MS = 30 * 60_000;
/** Queues delay a message by at most 12 hours. */
const MAX_DELAY_S = 12 * 3600;

/** Seconds from `now` until `dueAt` (none when due), within what Queues can delay. */
export const delayUntil = (dueAt: string | null, now: number) =>
  Math.min(MAX_DELAY_S, Math.max(0, Math.ceil(((dueAt ? Date.parse(dueAt) : now) - now) / 1000)));

/** Queues deliveries, each delayed until it is due, in batches of the queue's limit (100 messages). */
async function sendDeliveries(env: Env, deliveries: { id: string; due_at: string | null }[]): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < deliveries.length; i += 100) {
    await env.ALERT_QUEUE!.sendBatch(
      deliveries.slice(i, i + 100).map((d) => ({
        body: { kind: "alert", deliveryId: d.id } satisfies AlertMessage,
        delaySeconds: delayUntil(d.due_at, now),
      })),
    );
  }
}

/**
 * Called after a write with the deliveries it made (its batch returns them: no read). Failures are
 * swept by the cron, which re-queues pending deliveries left unsent.
 */
export async function queueDeliveries(env: Env, deliveries: { id: string; due_at: string | null }[]): Promise<void> {
  if (!env.ALERT_QUEUE || deliveries.length === 0) return;
  await sendDeliveries(env, deliveries);
}

/** Queues deliveries after the answer; a failure is logged and left to the cron's sweep. */
export function queueLater(env: Env, keepAlive: KeepAlive, deliveries: { id: string; due_at: string | null }[]): void {
  if (deliveries.length === 0) return;
  keepAlive(queueDeliveries(env, deliveries).catch(logFailure("alert_enqueue_failed")));
}

export async function requeueStaleAlerts(env: Env, now: number): Promise<number> {
  if (!env.ALERT_QUEUE) return 0;
  const stale = await alerts.stalePendingDeliveries(env.DB, nowIso(now - 10 * 60_000));
  await sendDeliveries(env, stale);
  return stale.length;
}

/** The latest deliveries of the site's alerts, for the dashboard's delivery status. */
export async function recentAlerts(db: D1Database, siteId: string) {
  const rows = await alerts.recentDeliveries(db, siteId);
  return rows.map((d) => ({
    id: d.id,
    webhook: d.webhook_id,
    event: d.event,
    response: d.event === "response.erased" ? null : d.response_id,
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.last_status,
    lastError: d.last_error,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  }));
}
