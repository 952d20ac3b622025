/**
 * Sending webhook deliveries: the queue consumer (one message per delivery, acked or retried one by
 * one with backoff, then dead-lettered) and the one request of an attempt. Events are queued by the
 * write that made them (services/alerts.ts queueDeliveries) and swept by the cron if that was lost.
 *
 * Each delivery is sent by one consumer at a time (a lease in its row), and once delivered never again,
 * so a message the queue delivers twice does not post twice; receivers still get each event at least
 * once, and can drop a repeat by its `X-Feedback-Delivery` id.
 */
import { WEBHOOK_HEADERS } from "../../../shared/webhooks";
import * as alerts from "../db/alerts";
import type { Env } from "../env";
import { errorText } from "../errors";
import { nowIso } from "../lib/time";
import type { AlertMessage } from "../messages";
import { delayUntil } from "./alerts";
import { webhookUrlProblem } from "./webhooks-address";
import { buildEvent, formatBody } from "./webhooks-payload";
import { signatureHeader } from "./webhooks-signing";

const SEND_TIMEOUT_MS = 5000;
/** How long a consumer holds a delivery it sends: past the send's timeout, with room to record it. */
const LEASE_MS = 30_000;

export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * One signed POST of `body` to a webhook. The URL is checked again (a row stored before the rule, or a
 * development origin in production); a redirect is never followed, and counts as a failure.
 */
export async function postToWebhook(
  env: Env,
  webhook: Pick<alerts.WebhookRow, "url" | "secret">,
  delivery: { id: string; event: string },
  body: string,
): Promise<SendResult> {
  const problem = webhookUrlProblem(webhook.url, env);
  if (problem) return { ok: false, status: null, error: `not sent: the URL ${problem}` };
  try {
    const res = await fetch(webhook.url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "feedback-collector-webhooks/1",
        [WEBHOOK_HEADERS.signature]: await signatureHeader(webhook.secret, body),
        [WEBHOOK_HEADERS.event]: delivery.event,
        [WEBHOOK_HEADERS.delivery]: delivery.id,
      },
      body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.ok) return { ok: true, status: res.status };
    const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
    return { ok: false, status: res.status, error: `HTTP ${res.status}${redirect}` };
  } catch (err) {
    return { ok: false, status: null, error: errorText(err).slice(0, 200) };
  }
}

/** Backoff of a failed attempt: 10 s, 20 s, 40 s… capped at 15 minutes; after max_retries, the DLQ. */
const retryDelay = (attempts: number) => Math.min(900, 10 * 2 ** (attempts - 1));

async function consumeOne(message: Message<AlertMessage>, env: Env): Promise<void> {
  const ctx = await alerts.loadDelivery(env.DB, message.body.deliveryId);
  const settled = ["delivered", "erased", "dead"];
  if (!ctx?.webhook?.active || settled.includes(ctx.delivery.status)) return message.ack();
  const body = buildEvent(ctx);
  if (!body) return message.ack(); // nothing left to say (its response is gone)
  // A partial answer's alert that got a new part since this message was queued waits on (its due time
  // moved): queued again for then, which does not use up the message's retries.
  const wait = ctx.response?.complete === 0 ? delayUntil(ctx.delivery.due_at, Date.now()) : 0;
  if (wait > 0 && ctx.delivery.attempts === 0) {
    await env.ALERT_QUEUE?.send(message.body, { delaySeconds: wait });
    return message.ack();
  }
  const now = Date.now();
  if (!(await alerts.leaseDelivery(env.DB, ctx.delivery.id, nowIso(now), nowIso(now + LEASE_MS)))) {
    // Another consumer is sending it: this copy comes back after the lease (without using up its
    // retries), and is dropped then if the delivery went.
    await env.ALERT_QUEUE?.send(message.body, { delaySeconds: Math.ceil(LEASE_MS / 1000) });
    return message.ack();
  }
  const result = await postToWebhook(env, ctx.webhook, ctx.delivery, formatBody(ctx.webhook.format, body));
  if (result.ok) {
    await alerts.markDelivery(env.DB, ctx.delivery.id, "delivered", result.status, null, nowIso());
    return message.ack();
  }
  await alerts.markDelivery(env.DB, ctx.delivery.id, "retrying", result.status, result.error, nowIso());
  message.retry({ delaySeconds: retryDelay(message.attempts) });
}

/** Queue consumer of ALERT_QUEUE: every message on its own. */
export async function consumeAlertBatch(batch: MessageBatch<AlertMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) await consumeOne(message, env);
}

/** Dead-letter consumer: record that the delivery was given up on, so owners see it. */
export async function consumeDeadAlerts(batch: MessageBatch<AlertMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    if (message.body?.kind === "alert") await alerts.markDead(env.DB, message.body.deliveryId, nowIso());
    message.ack();
  }
}
