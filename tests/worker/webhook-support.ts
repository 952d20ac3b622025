/**
 * Helpers of the webhook tests. Each test keeps its deliveries out of the runtime's own alert queue
 * (a capturing producer takes what a request queues) and delivers the messages itself, so what the
 * receiver gets is decided by the test alone.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WebhookEvent } from "../../shared/webhooks";
import worker from "../../worker/src/index";
import type { AlertMessage } from "../../worker/src/messages";
import { type CallOptions, call, json, type World, world } from "./fixtures";

/** An ALERT_QUEUE producer that keeps every message it is given, with its delay. */
export function captureAlerts() {
  const sent: { deliveryId: string; delaySeconds: number }[] = [];
  const keep = (body: AlertMessage, delaySeconds = 0) => void sent.push({ deliveryId: body.deliveryId, delaySeconds });
  const binding = {
    async send(body: AlertMessage, opts?: { delaySeconds?: number }) {
      keep(body, opts?.delaySeconds);
    },
    async sendBatch(items: Iterable<{ body: AlertMessage; delaySeconds?: number }>) {
      for (const item of items) keep(item.body, item.delaySeconds);
    },
  } as unknown as Queue<AlertMessage>;
  /** The ids queued so far, then forgets them (the next call tells only what came after). */
  const take = () => sent.splice(0).map((m) => m.deliveryId);
  return { sent, binding, take };
}

export type Capture = ReturnType<typeof captureAlerts>;

/** A call whose queued deliveries go to `alerts` (and which waits for the work after its answer). */
export const callQueued = (alerts: Capture, method: string, path: string, opts: CallOptions = {}) =>
  call(method, path, { ...opts, env: { ...opts.env, ALERT_QUEUE: alerts.binding } });

/** POST /v1/responses from the shop, its deliveries queued to `alerts`. */
export const submitQueued = (alerts: Capture, body: unknown) =>
  callQueued(alerts, "POST", "/v1/responses", { body, origin: "https://shop.example" });

/** Runs the alert queue's consumer on one message per delivery, as the queue would (`attempts` each). */
export async function deliver(alerts: Capture, deliveryIds: string[], attempts = 1) {
  const batch = createMessageBatch(
    "feedback-alerts",
    deliveryIds.map((deliveryId, i) => ({
      id: `m${i}`,
      timestamp: new Date(),
      attempts,
      body: { kind: "alert", deliveryId } satisfies AlertMessage,
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as never, { ...env, ALERT_QUEUE: alerts.binding });
  return getQueueResult(batch, ctx);
}

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What the loopback receiver got on `path`, oldest first. */
export const received = async (path: string) =>
  ((await (await fetch(`${env.WEBHOOK_RECEIVER}/_received`)).json()) as Received[]).filter((r) => r.path === path);

interface HookedWorld extends World {
  hook: { id: string; secret: string };
  /** The receiver's path of this webhook, unique to the test. */
  path: string;
}

/** A site, survey and webhook to the receiver (`/<kind>/<unique>`) for `events` in `format`. */
export async function hookedWorld(
  events: readonly WebhookEvent[],
  kind: "ok" | "fail" | "flaky" | "redirect" = "ok",
  format: "json" | "slack" | "teams" = "json",
): Promise<HookedWorld> {
  const w = await world();
  const path = `/${kind}/${crypto.randomUUID()}`;
  const res = await call("POST", `/api/sites/${w.site.id}/webhooks`, {
    cookie: w.owner.cookie,
    body: { url: `${env.WEBHOOK_RECEIVER}${path}`, events, format },
  });
  if (res.status !== 201) throw new Error(`webhook failed: ${res.status} ${await res.text()}`);
  return { ...w, hook: await json(res), path };
}

interface DeliveryRecord {
  id: string;
  event: WebhookEvent;
  response_id: string;
  status: string;
  attempts: number;
  last_status: number | null;
  payload: string | null;
}

/** Every delivery of a site, oldest first. */
export const deliveriesOf = async (siteId: string) =>
  (
    await env.DB.prepare(
      `SELECT id, event, response_id, status, attempts, last_status, payload FROM alert_deliveries
       WHERE site_id = ?1 ORDER BY created_at, id`,
    )
      .bind(siteId)
      .all<DeliveryRecord>()
  ).results;

/** `event: response id` of each delivery, sorted: what fired, once each. */
export const fired = async (siteId: string) =>
  (await deliveriesOf(siteId)).map((d) => `${d.event}: ${d.response_id}`).sort();
