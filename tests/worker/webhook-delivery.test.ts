/**
 * Sending webhook deliveries: signed as README says (checked with its own snippet,
 * docs/examples/verify-webhook.mjs, and with WebCrypto), signed anew at every attempt (the replay
 * window), retried through the queue, never sent twice, never redirected; the cron re-queues what a
 * write failed to queue.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../docs/examples/verify-webhook.mjs";
import { WEBHOOK_EVENTS } from "../../shared/webhooks";
import { requeueStaleAlerts } from "../../worker/src/services/alerts";
import { runScheduled } from "../../worker/src/services/scheduled";
import { submission } from "./fixtures";
import { captureAlerts, deliver, deliveriesOf, hookedWorld, received, submitQueued } from "./webhook-support";

/** HMAC-SHA256 in hex with WebCrypto: the documented algorithm, written apart from the snippet. */
async function hmacHex(secret: string, text: string) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(text)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const timestampOf = (header: string) => Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(header)![1]);

describe("signatures", () => {
  it("every delivery › verifies with README's algorithm; another body, secret or an old time does not", async () => {
    const w = await hookedWorld(WEBHOOK_EVENTS);
    const alerts = captureAlerts();
    const body = submission(w, { answers: [{ question: "nps", value: 4 }] });
    expect((await submitQueued(alerts, body)).status).toBe(201);
    const before = Date.now();
    await deliver(alerts, alerts.take());
    const hits = await received(w.path);
    expect(hits.map((h) => h.headers["x-feedback-event"]).sort()).toEqual([
      "response.completed",
      "response.created",
      "response.unhappy",
    ]);
    for (const hit of hits) {
      const header = hit.headers["x-feedback-signature"]!;
      const t = timestampOf(header);
      expect(Math.abs(t - before / 1000)).toBeLessThan(60);
      expect(header).toBe(`t=${t},v1=${await hmacHex(w.hook.secret, `${t}.${hit.body}`)}`);
      expect(verifyWebhook(w.hook.secret, header, hit.body)).toBe(true);
      expect(verifyWebhook(w.hook.secret, header, hit.body.replace(/}$/, ',"x":1}'))).toBe(false);
      expect(verifyWebhook("whsec_another", header, hit.body)).toBe(false);
      // The replay window: a recorded request played again more than 5 minutes later is refused.
      expect(verifyWebhook(w.hook.secret, header, hit.body, { now: t * 1000 + 299_000 })).toBe(true);
      expect(verifyWebhook(w.hook.secret, header, hit.body, { now: t * 1000 + 301_000 })).toBe(false);
      expect(JSON.parse(hit.body)).toMatchObject({ id: hit.headers["x-feedback-delivery"], site: w.site.id });
    }
  });

  it("an event sent hours after it happened › is signed when sent, so the receiver's window accepts it", async () => {
    const w = await hookedWorld(["response.created"]);
    const alerts = captureAlerts();
    expect((await submitQueued(alerts, submission(w))).status).toBe(201);
    const [id] = alerts.take();
    const hoursAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
    await env.DB.prepare("UPDATE alert_deliveries SET created_at = ?2, due_at = ?2 WHERE id = ?1")
      .bind(id, hoursAgo)
      .run();
    await deliver(alerts, [id!], 3);
    const [hit] = await received(w.path);
    expect(JSON.parse(hit!.body).createdAt).toBe(hoursAgo);
    expect(verifyWebhook(w.hook.secret, hit!.headers["x-feedback-signature"], hit!.body)).toBe(true);
    expect(timestampOf(hit!.headers["x-feedback-signature"]!) * 1000).toBeGreaterThan(Date.parse(hoursAgo) + 3600_000);
  });
});

describe("retries through the queue", () => {
  it("a receiver failing once › retried through the queue, then delivered: same id, a new signature", async () => {
    const w = await hookedWorld(["response.created"], "flaky");
    const alerts = captureAlerts();
    expect((await submitQueued(alerts, submission(w))).status).toBe(201);
    const [id] = alerts.take();
    const first = await deliver(alerts, [id!], 1);
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(["m0"]);
    expect((await deliveriesOf(w.site.id))[0]).toMatchObject({ status: "retrying", attempts: 1, last_status: 500 });
    const second = await deliver(alerts, [id!], 2);
    expect(second.explicitAcks).toEqual(["m0"]);
    expect((await deliveriesOf(w.site.id))[0]).toMatchObject({ status: "delivered", attempts: 2, last_status: 204 });
    const hits = await received(w.path);
    expect(hits.map((h) => h.headers["x-feedback-delivery"])).toEqual([id, id]);
    for (const hit of hits)
      expect(verifyWebhook(w.hook.secret, hit.headers["x-feedback-signature"], hit.body)).toBe(true);
    // Delivered: a late copy of the message is dropped without a request.
    expect((await deliver(alerts, [id!], 3)).explicitAcks).toEqual(["m0"]);
    expect(await received(w.path)).toHaveLength(2);
  });

  it("the queue delivering one message twice at once › one request", async () => {
    const w = await hookedWorld(["response.created"]);
    const alerts = captureAlerts();
    expect((await submitQueued(alerts, submission(w))).status).toBe(201);
    const [id] = alerts.take();
    await Promise.all([deliver(alerts, [id!]), deliver(alerts, [id!]), deliver(alerts, [id!, id!])]);
    expect(await received(w.path)).toHaveLength(1);
    // The copies that found it taken came back later (not using up their retries), to be dropped then.
    await deliver(alerts, alerts.take());
    expect(await received(w.path)).toHaveLength(1);
  });

  it("a redirect › is not followed: a failure, retried", async () => {
    const w = await hookedWorld(["response.created"], "redirect");
    const alerts = captureAlerts();
    expect((await submitQueued(alerts, submission(w))).status).toBe(201);
    const result = await deliver(alerts, alerts.take());
    expect(result.retryMessages).toHaveLength(1);
    expect((await deliveriesOf(w.site.id))[0]).toMatchObject({ status: "retrying", last_status: 302 });
    expect(await received("/ok/redirected")).toEqual([]);
  });

  it("deliveries a write failed to queue › are queued by the hourly run once 10 minutes old, not before", async () => {
    const w = await hookedWorld(["response.created", "response.completed"]);
    const lost = captureAlerts(); // stands for a queue that failed: nothing it took is delivered
    expect((await submitQueued(lost, submission(w))).status).toBe(201);
    const [old, fresh] = (await deliveriesOf(w.site.id)).map((d) => d.id);
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000).toISOString();
    await env.DB.prepare("UPDATE alert_deliveries SET created_at = ?2, due_at = ?2 WHERE id = ?1")
      .bind(old, elevenMinutesAgo)
      .run();
    const cron = captureAlerts();
    expect(await requeueStaleAlerts({ ...env, ALERT_QUEUE: cron.binding }, Date.now())).toBeGreaterThanOrEqual(1);
    const requeued = cron.take();
    expect(requeued).toContain(old);
    expect(requeued).not.toContain(fresh);
    await deliver(cron, [old!]);
    expect(await received(w.path)).toHaveLength(1);
    // Delivered: the next run leaves it alone.
    await requeueStaleAlerts({ ...env, ALERT_QUEUE: cron.binding }, Date.now());
    expect(cron.take()).not.toContain(old);
  });

  it("settled deliveries › kept 30 days for the dashboard, purged by the hourly run after; pending stay", async () => {
    const w = await hookedWorld(["response.created", "response.completed"]);
    const q = captureAlerts();
    expect((await submitQueued(q, submission(w))).status).toBe(201);
    const [created, completed] = (await deliveriesOf(w.site.id)).map((d) => d.id);
    await deliver(q, [created!]);
    const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const age = (id: string, days: number) =>
      env.DB.prepare("UPDATE alert_deliveries SET created_at = ?2, updated_at = ?2 WHERE id = ?1")
        .bind(id, at(days))
        .run();
    await age(created!, 29);
    await age(completed!, 40); // still pending: never purged
    await runScheduled({ ...env, ALERT_QUEUE: q.binding }, Date.now());
    expect((await deliveriesOf(w.site.id)).map((d) => d.id).sort()).toEqual([created, completed].sort());
    await age(created!, 31);
    await runScheduled({ ...env, ALERT_QUEUE: q.binding }, Date.now());
    expect((await deliveriesOf(w.site.id)).map((d) => d.id)).toEqual([completed]);
  });

  it("a delivery the erasure trigger once marked `erased` › deleted by the next hourly run at any age", async () => {
    const w = await hookedWorld(["response.created", "response.completed"]);
    const q = captureAlerts();
    expect((await submitQueued(q, submission(w))).status).toBe(201);
    const [marked, pending] = (await deliveriesOf(w.site.id)).map((d) => d.id);
    // As migrations before 0013 left it: the row stays, marked, and still names its response.
    await env.DB.prepare("UPDATE alert_deliveries SET status = 'erased' WHERE id = ?1").bind(marked).run();
    await runScheduled({ ...env, ALERT_QUEUE: q.binding }, Date.now());
    expect((await deliveriesOf(w.site.id)).map((d) => d.id)).toEqual([pending]);
  });
});
