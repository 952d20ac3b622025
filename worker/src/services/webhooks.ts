/**
 * The site's webhooks: added (the signing secret shown once), listed without secrets, removed, and
 * tried with a signed test event. What each receives and how: shared/webhooks.ts.
 */
import type { WebhookInput } from "../../../shared/types";
import { DEFAULT_WEBHOOK_EVENTS, TEST_EVENT, type WebhookEvent } from "../../../shared/webhooks";
import * as alerts from "../db/alerts";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { newId, randomToken } from "../lib/crypto";
import { nowIso } from "../lib/time";
import { webhookUrlProblem } from "./webhooks-address";
import { postToWebhook } from "./webhooks-delivery";
import { formatBody, testEvent } from "./webhooks-payload";

type Input = Required<Pick<WebhookInput, "url" | "format">> & { events?: WebhookEvent[] | undefined };

const view = (w: alerts.WebhookRow) => ({
  id: w.id,
  url: w.url,
  format: w.format,
  events: JSON.parse(w.events) as WebhookEvent[],
  createdAt: w.created_at,
});

export async function createWebhook(env: Env, siteId: string, input: Input) {
  const problem = webhookUrlProblem(input.url, env);
  if (problem) throw new ApiError("invalid_body", `url: ${problem}`, [{ path: "url", message: problem }]);
  const row: alerts.WebhookRow = {
    id: newId("wh"),
    site_id: siteId,
    url: input.url,
    secret: `whsec_${randomToken(24)}`,
    created_at: nowIso(),
    active: 1,
    format: input.format,
    events: JSON.stringify(input.events ?? DEFAULT_WEBHOOK_EVENTS),
  };
  await alerts.insertWebhook(env.DB, row);
  return { ...view(row), secret: row.secret };
}

/** The site's webhooks, without their signing secrets (shown once, at creation). */
export async function listWebhooks(db: D1Database, siteId: string) {
  return (await alerts.listWebhooks(db, siteId)).map(view);
}

export async function removeWebhook(db: D1Database, siteId: string, webhookId: string): Promise<void> {
  const result = await alerts.deactivateWebhook(db, siteId, webhookId);
  if (result.meta.changes !== 1) throw new ApiError("not_found", "no such webhook");
}

/**
 * The settings page's "send a test event": one signed `webhook.test` in the webhook's format, sent now
 * (not queued, never retried), so the owner sees at once what the receiver answered.
 */
export async function sendTestEvent(env: Env, site: { id: string; name: string }, webhookId: string) {
  const webhook = await alerts.findWebhook(env.DB, site.id, webhookId);
  if (!webhook) throw new ApiError("not_found", "no such webhook");
  const delivery = { id: `test:${newId("evt")}:${webhook.id}`, event: TEST_EVENT };
  const body = formatBody(webhook.format, testEvent(delivery.id, site, nowIso()));
  const result = await postToWebhook(env, webhook, delivery, body);
  return {
    delivered: result.ok,
    status: result.status,
    error: result.ok ? null : result.error,
    event: TEST_EVENT,
    delivery: delivery.id,
  };
}
