/**
 * An unhappy partial answer's alert waits for the rest of the response (the "why"): due 30 minutes
 * after its last part, at once when it completes; sent early, the consumer queues it again for then.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SCORE_RANGE } from "../../shared/constants";
import { isUnhappy } from "../../shared/scoring";
import worker from "../../worker/src/index";
import { ALERT_SILENCE_MS } from "../../worker/src/services/alerts";
import { call, json, submission, submit } from "./fixtures";
import { logicWorld } from "./logic-survey";

const answers = (...pairs: [string, unknown][]) => pairs.map(([question, value]) => ({ question, value }));

const received = async (path: string) =>
  ((await (await fetch(`${env.WEBHOOK_RECEIVER}/_received`)).json()) as { path: string; body: string }[]).filter(
    (r) => r.path === path,
  );

const delivery = (responseId: string) =>
  env.DB.prepare("SELECT id, due_at, status FROM alert_deliveries WHERE response_id = ?1")
    .bind(responseId)
    .first<{ id: string; due_at: string; status: string }>();

async function consume(deliveryId: string) {
  const batch = createMessageBatch("feedback-alerts", [
    { id: "m1", timestamp: new Date(), attempts: 1, body: { kind: "alert", deliveryId } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch as never, env);
  return getQueueResult(batch, ctx);
}

describe("alerts of partial answers", () => {
  it("a detractor's first part › due after 30 quiet minutes; completed, it is due now, with the why", async () => {
    const w = await logicWorld();
    const path = `/ok/${crypto.randomUUID()}`;
    await call("POST", `/api/sites/${w.site.id}/webhooks`, {
      cookie: w.owner.cookie,
      body: { url: `${env.WEBHOOK_RECEIVER}${path}` },
    });
    const first = submission(w, { complete: false, answers: answers(["nps", 2]) });
    const before = Date.now();
    expect((await submit(first)).status).toBe(201);
    const waiting = (await delivery(first.id))!;
    expect(Date.parse(waiting.due_at) - before).toBeGreaterThanOrEqual(ALERT_SILENCE_MS - 1000);

    // Delivered before it is due (the queue's delay is a lower bound): it is queued again for then.
    const early = await consume(waiting.id);
    expect(early.explicitAcks).toEqual(["m1"]);
    expect(await received(path)).toEqual([]);
    expect((await delivery(first.id))!.status).toBe("pending");

    const done = { ...first, complete: true, answers: answers(["nps", 2], ["wrong", "the box was crushed"]) };
    expect((await submit(done)).status).toBe(200);
    expect(Date.parse((await delivery(first.id))!.due_at)).toBeLessThanOrEqual(Date.now());
    await consume(waiting.id);
    const hits = await received(path);
    expect(hits.length).toBeGreaterThanOrEqual(1);
    const payload = JSON.parse(hits[0]!.body);
    expect(payload.text).toContain("NPS 2/10");
    expect(payload.text).toContain("the box was crushed");
    expect(payload.response.complete).toBe(true);
  });

  it("every type › alerts: NPS 6, CSAT 2, CES 2, thumbs down; NPS 7, CSAT 3, CES 3, thumbs up do not", async () => {
    const owner = (await logicWorld()).owner;
    const site = await json(
      await call("POST", "/api/sites", {
        cookie: owner.cookie,
        body: { name: "Types", origins: ["https://shop.example"], retentionDays: 30 },
      }),
    );
    const survey = await json(
      await call("POST", `/api/sites/${site.id}/surveys`, {
        cookie: owner.cookie,
        body: {
          name: "All types",
          questions: [
            { id: "q", type: "nps", text: { en: "q" } },
            { id: "c", type: "csat", text: { en: "c" } },
            { id: "e", type: "ces", text: { en: "e" } },
            { id: "t", type: "thumbs", text: { en: "t" } },
          ],
        },
      }),
    );
    await call("POST", `/api/sites/${site.id}/webhooks`, {
      cookie: owner.cookie,
      body: { url: `${env.WEBHOOK_RECEIVER}/ok/${crypto.randomUUID()}` },
    });
    const w = { owner, site, survey };
    // The boundaries, then every value of every scale against the rule of shared/scoring.ts.
    const cases: [string, number, boolean][] = [
      ["q", 6, true],
      ["q", 7, false],
      ["c", 2, true],
      ["c", 3, false],
      ["e", 2, true],
      ["e", 3, false],
      ["t", 0, true],
      ["t", 1, false],
    ];
    const types = { q: "nps", c: "csat", e: "ces", t: "thumbs" } as const;
    for (const [question, type] of Object.entries(types)) {
      const [lo, hi] = SCORE_RANGE[type];
      for (let v = lo; v <= hi; v++) cases.push([question, v, isUnhappy(type, v)]);
    }
    for (const [question, value, alerts] of cases) {
      const body = submission(w, { answers: [{ question, value }] });
      expect((await submit(body)).status).toBe(201);
      expect(!!(await delivery(body.id)), `${question} = ${value}`).toBe(alerts);
    }
  });
});
