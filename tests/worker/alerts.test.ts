/**
 * Alerts of unhappy customers end to end, through the runtime's own queue as well: a detractor's alert
 * reaches a webhook signed, a failing one is retried and then dead-lettered while ingestion goes on,
 * and an answer erased before its alert is sent is never sent.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../docs/examples/verify-webhook.mjs";
import worker from "../../worker/src/index";
import { call, json, submission, submit, world } from "./fixtures";

const received = async () =>
  (await (await fetch(`${env.WEBHOOK_RECEIVER}/_received`)).json()) as {
    path: string;
    headers: Record<string, string>;
    body: string;
  }[];

describe("detractor alerts", () => {
  it("a detractor › signed to the webhook; a failing one is retried, dead-lettered; ingestion still 201", async () => {
    const w = await world();
    const tag = crypto.randomUUID();
    const okHook = await json(
      await call("POST", `/api/sites/${w.site.id}/webhooks`, {
        cookie: w.owner.cookie,
        body: { url: `${env.WEBHOOK_RECEIVER}/ok/${tag}` },
      }),
    );
    const failHook = await json(
      await call("POST", `/api/sites/${w.site.id}/webhooks`, {
        cookie: w.owner.cookie,
        body: { url: `${env.WEBHOOK_RECEIVER}/fail/${tag}` },
      }),
    );
    expect(okHook.secret).toMatch(/^whsec_/);

    const happy = submission(w, { answers: [{ question: "nps", value: 10 }] });
    const unhappy = submission(w, {
      answers: [
        { question: "nps", value: 2 },
        { question: "why", value: "<b>late</b> & broken" },
      ],
      context: { productId: "sku-77" },
    });
    expect((await submit(happy)).status).toBe(201);
    expect((await submit(unhappy)).status).toBe(201);

    const deliveries = await env.DB.prepare(
      "SELECT id, webhook_id, response_id FROM alert_deliveries WHERE site_id = ?1 ORDER BY webhook_id",
    )
      .bind(w.site.id)
      .all<{ id: string; webhook_id: string; response_id: string }>();
    expect(deliveries.results.map((d) => d.response_id)).toEqual([unhappy.id, unhappy.id]); // no alert for the promoter

    // Run the consumer on both deliveries, as the queue would.
    const batch = createMessageBatch(
      "feedback-alerts",
      deliveries.results.map((d, i) => ({
        id: `m${i}`,
        timestamp: Date.now(),
        attempts: 1,
        body: { kind: "alert", deliveryId: d.id },
      })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch as never, env);
    const result = await getQueueResult(batch, ctx);
    const okMsg = `m${deliveries.results.findIndex((d) => d.webhook_id === okHook.id)}`;
    const failMsg = `m${deliveries.results.findIndex((d) => d.webhook_id === failHook.id)}`;
    expect(result.explicitAcks).toContain(okMsg);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([failMsg]);
    const failing = await env.DB.prepare(
      "SELECT status, attempts, last_status FROM alert_deliveries WHERE webhook_id = ?1",
    )
      .bind(failHook.id)
      .first();
    // (the runtime's own consumer may also have tried it by now)
    expect(failing).toMatchObject({ status: "retrying", last_status: 500 });
    expect(failing!.attempts as number).toBeGreaterThanOrEqual(1);

    const hits = (await received()).filter((r) => r.path === `/ok/${tag}`);
    expect(hits.length).toBeGreaterThanOrEqual(1);
    const hit = hits[0]!;
    expect(verifyWebhook(okHook.secret, hit.headers["x-feedback-signature"], hit.body)).toBe(true);
    const payload = JSON.parse(hit.body);
    expect(payload.response).toMatchObject({ id: unhappy.id, nps: 2, context: { productId: "sku-77" } });
    expect(payload.text).toContain("NPS 2/10");
    expect(payload.text).toContain("&lt;b&gt;late&lt;/b&gt; &amp; broken");
    expect(payload.text).not.toContain("<b>");

    // Ingestion is unaffected by the failing receiver.
    expect((await submit(submission(w, { answers: [{ question: "nps", value: 0 }] }))).status).toBe(201);

    // After the queue's retries, the dead-letter consumer records the give-up.
    const failDelivery = deliveries.results.find((d) => d.webhook_id === failHook.id)!;
    const dlq = createMessageBatch("feedback-alerts-dlq", [
      { id: "d1", timestamp: Date.now(), attempts: 5, body: { kind: "alert", deliveryId: failDelivery.id } },
    ]);
    const ctx2 = createExecutionContext();
    await worker.queue(dlq as never, env);
    await getQueueResult(dlq, ctx2);
    const status = await json(await call("GET", `/api/sites/${w.site.id}/alerts`, { cookie: w.owner.cookie }));
    const byId = Object.fromEntries(status.map((s: { id: string; status: string }) => [s.id, s]));
    expect(byId[failDelivery.id]).toMatchObject({ status: "dead", lastStatus: 500 });
    expect(byId[deliveries.results.find((d) => d.webhook_id === okHook.id)!.id]).toMatchObject({ status: "delivered" });
  });

  it("an answer erased before its alert is sent › should never be sent", async () => {
    const w = await world();
    const tag = crypto.randomUUID();
    await call("POST", `/api/sites/${w.site.id}/webhooks`, {
      cookie: w.owner.cookie,
      body: { url: `${env.WEBHOOK_RECEIVER}/ok/${tag}` },
    });
    const body = submission(w, { respondent: "erase-me-before-alert-001", answers: [{ question: "nps", value: 1 }] });
    expect((await submit(body)).status).toBe(201);
    const delivery = await env.DB.prepare("SELECT id FROM alert_deliveries WHERE response_id = ?1")
      .bind(body.id)
      .first<{ id: string }>();
    await call("POST", "/v1/forget", {
      body: { site: w.site.key, respondent: "erase-me-before-alert-001" },
      origin: "https://shop.example",
    });
    const batch = createMessageBatch("feedback-alerts", [
      { id: "e1", timestamp: Date.now(), attempts: 1, body: { kind: "alert", deliveryId: delivery!.id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch as never, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["e1"]);
    expect((await received()).filter((r) => r.path === `/ok/${tag}`)).toEqual([]);
    // The delivery went with the answer: nothing of it is left to send.
    const row = await env.DB.prepare("SELECT status FROM alert_deliveries WHERE id = ?1").bind(delivery!.id).first();
    expect(row).toBeNull();
  });
});
