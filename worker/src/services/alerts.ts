/**
 * Detractor alerts: deliveries are created with the response (same transaction), queued
 * after the write, and sent by the queue consumer, so a slow or failing webhook never slows
 * or fails ingestion. The payload is built at send time from the database: an answer
 * erased in the meantime is never sent. Each body is signed with HMAC-SHA256.
 */

import * as alerts from "../db/alerts";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { hmacSha256, newId, randomToken, toHex } from "../lib/crypto";
import { nowIso } from "../lib/time";
import type { AlertMessage } from "../messages";

export const SIGNATURE_HEADER = "X-Feedback-Signature";
const SEND_TIMEOUT_MS = 5000;

export function webhookUrlProblem(url: string, environment: string | undefined): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "url: must be an absolute URL";
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
  if (u.protocol === "https:" && !local) return null;
  if (local && environment !== "production" && (u.protocol === "http:" || u.protocol === "https:")) return null;
  return "url: must be an https URL";
}

export async function createWebhook(db: D1Database, siteId: string, url: string, environment: string | undefined) {
  const problem = webhookUrlProblem(url, environment);
  if (problem) throw new ApiError("invalid_body", problem, [{ path: "url", message: problem.slice(5) }]);
  const row: alerts.WebhookRow = {
    id: newId("wh"),
    site_id: siteId,
    url,
    secret: `whsec_${randomToken(24)}`,
    created_at: nowIso(),
    active: 1,
  };
  await alerts.insertWebhook(db, row);
  return { id: row.id, url: row.url, secret: row.secret, createdAt: row.created_at };
}

/** Queues deliveries by id, in batches of the queue's limit (100 messages per sendBatch). */
async function sendDeliveries(env: Env, deliveryIds: string[]): Promise<void> {
  for (let i = 0; i < deliveryIds.length; i += 100) {
    await env.ALERT_QUEUE!.sendBatch(
      deliveryIds.slice(i, i + 100).map((id) => ({ body: { kind: "alert", deliveryId: id } satisfies AlertMessage })),
    );
  }
}

/** Called after new responses were written: queue their pending deliveries. Failures are swept by the cron. */
export async function enqueueAlerts(env: Env, responseIds: string[]): Promise<void> {
  if (!env.ALERT_QUEUE) return;
  const pending = await alerts.pendingDeliveriesOf(env.DB, responseIds);
  await sendDeliveries(
    env,
    pending.map((p) => p.id),
  );
}

export async function requeueStaleAlerts(env: Env, now: number): Promise<number> {
  if (!env.ALERT_QUEUE) return 0;
  const stale = await alerts.stalePendingDeliveries(env.DB, nowIso(now - 10 * 60_000));
  await sendDeliveries(
    env,
    stale.map((p) => p.id),
  );
  return stale.length;
}

/** Slack's mrkdwn treats < > & as control characters: escape them in customer text. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function buildPayload(ctx: alerts.DeliveryContext) {
  const r = ctx.response!;
  const answers = ctx.answers.map((a) => ({
    question: a.question_id,
    type: a.type,
    value: JSON.parse(a.value) as unknown,
  }));
  const nps = ctx.answers.filter((a) => a.type === "nps").map((a) => a.score!);
  const csat = ctx.answers.filter((a) => a.type === "csat").map((a) => a.score!);
  const context = r.context ? (JSON.parse(r.context) as Record<string, string>) : {};
  const comment = answers.find((a) => a.type === "text")?.value as string | undefined;
  const score = nps.length ? `NPS ${Math.min(...nps)}/10` : `CSAT ${Math.min(...csat)}/5`;
  const parts = [`Unhappy customer on ${slackEscape(ctx.siteName ?? "your site")}: ${score}`];
  if (comment) parts.push(`“${slackEscape(comment.slice(0, 500))}”`);
  if (Object.keys(context).length)
    parts.push(
      Object.entries(context)
        .map(([k, v]) => `${slackEscape(k)}: ${slackEscape(v)}`)
        .join(", "),
    );
  return {
    type: "feedback.unhappy_customer",
    text: parts.join(" — "),
    site: ctx.delivery.site_id,
    survey: { id: r.survey_id, name: ctx.surveyName },
    response: {
      id: r.id,
      createdAt: r.created_at,
      locale: r.locale,
      page: r.page,
      context,
      nps: nps.length ? Math.min(...nps) : null,
      csat: csat.length ? Math.min(...csat) : null,
      answers,
    },
  };
}

export async function signBody(secret: string, body: string): Promise<string> {
  return `sha256=${toHex(await hmacSha256(secret, body))}`;
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

/** The site's webhooks, without their signing secrets (shown once, at creation). */
export async function listWebhooks(db: D1Database, siteId: string) {
  const rows = await alerts.listWebhooks(db, siteId);
  return rows.map((w) => ({ id: w.id, url: w.url, createdAt: w.created_at }));
}

export async function removeWebhook(db: D1Database, siteId: string, webhookId: string): Promise<void> {
  const result = await alerts.deactivateWebhook(db, siteId, webhookId);
  if (result.meta.changes !== 1) throw new ApiError("not_found", "no such webhook");
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
