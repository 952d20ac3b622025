/**
 * Alerts of unhappy customers: deliveries are created with the response (same transaction), queued
 * after the write, and sent by the queue consumer, so a slow or failing webhook never slows or
 * fails ingestion. A partial response's alert waits for the rest of it (the "why") until it
 * completes or 30 minutes pass without a new part. The payload is built at send time
 * (alert-payload.ts): an answer erased in the meantime is never sent.
 */

import * as alerts from "../db/alerts";
import type { Env } from "../env";
import { nowIso } from "../lib/time";
import type { AlertMessage } from "../messages";
import { buildPayload, SIGNATURE_HEADER, signBody } from "./alert-payload";

const SEND_TIMEOUT_MS = 5000;
/** An unhappy partial answer waits this long for the rest (the "why") before its alert goes. */
export const ALERT_SILENCE_MS = 30 * 60_000;
/** Queues delay a message by at most 12 hours. */
const MAX_DELAY_S = 12 * 3600;

/** Seconds from `now` until `dueAt` (none when due), within what Queues can delay. */
const delayUntil = (dueAt: string | null, now: number) =>
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

export async function requeueStaleAlerts(env: Env, now: number): Promise<number> {
  if (!env.ALERT_QUEUE) return 0;
  const stale = await alerts.stalePendingDeliveries(env.DB, nowIso(now - 10 * 60_000));
  await sendDeliveries(env, stale);
  return stale.length;
}

type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function send(url: string, secret: string, body: string, deliveryId: string): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "feedback-collector-alerts/1",
        [SIGNATURE_HEADER]: await signBody(secret, body),
        "X-Feedback-Delivery": deliveryId,
      },
      body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, status: null, error: String((err as Error)?.message ?? err).slice(0, 200) };
  }
}

/** Queue consumer: one message per delivery, acked or retried one by one with backoff. */
export async function consumeAlertBatch(batch: MessageBatch<AlertMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const ctx = await alerts.loadDelivery(env.DB, message.body.deliveryId);
    if (
      !ctx?.response ||
      !ctx.webhook?.active ||
      ctx.delivery.status === "delivered" ||
      ctx.delivery.status === "erased"
    ) {
      message.ack();
      continue;
    }
    // A partial answer that got a new part since this message was queued waits on (its due time
    // moved): queued again for then, which does not use up the message's retries.
    const wait = ctx.response.complete ? 0 : delayUntil(ctx.delivery.due_at, Date.now());
    if (wait > 0 && ctx.delivery.attempts === 0) {
      await env.ALERT_QUEUE?.send(message.body, { delaySeconds: wait });
      message.ack();
      continue;
    }
    const body = JSON.stringify(buildPayload(ctx));
    const result = await send(ctx.webhook.url, ctx.webhook.secret, body, ctx.delivery.id);
    if (result.ok) {
      await alerts.markDelivery(env.DB, ctx.delivery.id, "delivered", result.status, null, nowIso());
      message.ack();
    } else {
      await alerts.markDelivery(env.DB, ctx.delivery.id, "retrying", result.status, result.error, nowIso());
      // 10 s, 20 s, 40 s… capped at 15 minutes; after max_retries the queue dead-letters it.
      message.retry({ delaySeconds: Math.min(900, 10 * 2 ** (message.attempts - 1)) });
    }
  }
}

/** Dead-letter consumer: record that the alert was given up on, so owners see it. */
export async function consumeDeadAlerts(batch: MessageBatch<AlertMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    if (message.body?.kind === "alert") await alerts.markDead(env.DB, message.body.deliveryId, nowIso());
    message.ack();
  }
}

/** The latest deliveries of the site's alerts, for the dashboard's delivery status. */
export async function recentAlerts(db: D1Database, siteId: string) {
  const rows = await alerts.recentDeliveries(db, siteId);
  return rows.map((d) => ({
    id: d.id,
    webhook: d.webhook_id,
    response: d.response_id,
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.last_status,
    lastError: d.last_error,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  }));
}
