/**
 * What the write path settles after the route has answered: parts of one response delivered out of
 * order, an erasure that reaches answers still waiting in the queue (or racing the write), a survey
 * deleted meanwhile; and how many D1 round trips an accepted answer costs on each path.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { markSiteDeletedStatements } from "../../worker/src/db/sites";
import { markSurveyDeleted } from "../../worker/src/db/surveys";
import type { IngestMessage } from "../../worker/src/messages";
import { ingest } from "../../worker/src/services/ingest-paths";
import { acceptSubmission } from "../../worker/src/services/submission";
import { BASE, call, json, SHOP, SURVEY, submission, type World, world } from "./fixtures";
import { ANSWERS, app, captureQueue, deliver, dropped, stored, submitQueued } from "./queue-support";
import { countingDb } from "./watched-db";

/** The same message, as if the route had accepted it `ms` later (parts and erasures a moment apart). */
const acceptedLater = (m: IngestMessage, ms: number): IngestMessage => {
  const at = new Date(Date.parse(m.row.createdAt) + ms).toISOString();
  return { ...m, row: { ...m.row, createdAt: at, consentAt: at, alertDueAt: at } };
};

const forget = async (w: World, respondent: string) => {
  const res = await call("POST", "/v1/forget", { body: { site: w.site.key, respondent }, origin: SHOP });
  expect(res.status).toBe(200);
  return json(res);
};

describe("queue consumer › parts of one response", () => {
  it("the complete part delivered before the partial one › stored once; the late part is a duplicate", async () => {
    const w = await world();
    const first = submission(w, { complete: false, answers: [{ question: "nps", value: 3 }] });
    const second = {
      ...first,
      complete: true,
      answers: [
        { question: "nps", value: 3 },
        { question: "why", value: "slow delivery" },
      ],
    };
    const queue = captureQueue();
    await submitQueued(first, queue);
    await submitQueued(second, queue);
    const [partial, complete] = queue.sent;
    await deliver([acceptedLater(complete!, 1000)]);
    const late = await deliver([partial!]);
    expect(late.acked).toEqual(late.ids);
    expect(await stored(w)).toMatchObject({ responses: 1, answers: 2, aggregated: 1, dailyResponses: 1 });
    const row = await env.DB.prepare("SELECT complete, reached FROM responses WHERE id = ?1")
      .bind(first.id)
      .first<{ complete: number; reached: string }>();
    expect(row!.complete).toBe(1);
    expect((await dropped(w)).dropped).toEqual({ idReused: 0, withdrawn: 0, erased: 0 });
  });

  it("both parts in one batch, the complete one first › the complete one kept, each answer once", async () => {
    const w = await world();
    const first = submission(w, { complete: false, answers: [{ question: "nps", value: 9 }] });
    const queue = captureQueue();
    await submitQueued(first, queue);
    await submitQueued(
      { ...first, complete: true, answers: [...first.answers, { question: "csat", value: 5 }] },
      queue,
    );
    await deliver([acceptedLater(queue.sent[1]!, 1000), queue.sent[0]!]);
    expect(await stored(w)).toMatchObject({ responses: 1, answers: 2, aggregated: 2, dailyResponses: 1 });
    const completed = await env.DB.prepare("SELECT SUM(completed) AS n FROM daily_responses WHERE site_id = ?1")
      .bind(w.site.id)
      .first<{ n: number }>();
    expect(completed!.n).toBe(1);
  });
});

describe("erasure › answers not yet written", () => {
  it("queued, then /v1/forget, then the consumer › never written, counted; a later answer is kept", async () => {
    const w = await world();
    const respondent = "respondent-who-withdraws-4242";
    const queue = captureQueue();
    await submitQueued(submission(w, { respondent, ...ANSWERS(1) }), queue);
    await submitQueued(submission(w, { respondent: "someone-else-entirely-0001", ...ANSWERS(2) }), queue);
    expect(await forget(w, respondent)).toEqual({ deleted: 0 });

    const r = await deliver(queue.sent);
    expect(r.acked).toEqual(r.ids);
    expect(await stored(w)).toEqual({ responses: 1, answers: 3, context: 2, aggregated: 2, dailyResponses: 1 });
    const kept = await env.DB.prepare("SELECT id FROM responses WHERE site_id = ?1").bind(w.site.id).first();
    expect(kept).toEqual({ id: queue.sent[1]!.row.id });
    expect((await dropped(w)).dropped).toEqual({ idReused: 0, withdrawn: 1, erased: 0 });

    // Delivered again (at least once): still not written, still one drop.
    await deliver([queue.sent[0]!], 2);
    expect((await stored(w)).responses).toBe(1);
    expect((await dropped(w)).dropped).toEqual({ idReused: 0, withdrawn: 1, erased: 0 });

    // The same customer answers again after withdrawing: a new consent, written.
    const again = captureQueue();
    await submitQueued(submission(w, { respondent, ...ANSWERS(3) }), again);
    await deliver([acceptedLater(again.sent[0]!, 1000)]);
    expect((await stored(w)).responses).toBe(2);
  });

  it("an answer queued, then a customer's erasure by its order id › never written, counted as erased", async () => {
    const w = await world();
    const queue = captureQueue();
    await submitQueued(submission(w, { ...ANSWERS(7), context: { orderId: "A-7" } }), queue);
    await submitQueued(submission(w, { ...ANSWERS(8), context: { orderId: "A-8" } }), queue);
    const res = await call("DELETE", `/api/sites/${w.site.id}/responses?context=orderId:A-7`, {
      cookie: w.owner.cookie,
    });
    expect(await json(res)).toEqual({ deleted: 0, more: false });
    const r = await deliver(queue.sent);
    expect(r.acked).toEqual(r.ids);
    const kept = await env.DB.prepare("SELECT id FROM responses WHERE site_id = ?1").bind(w.site.id).all();
    expect(kept.results).toEqual([{ id: queue.sent[1]!.row.id }]);
    expect((await dropped(w)).dropped).toEqual({ idReused: 0, withdrawn: 0, erased: 1 });
  });

  it("direct mode › accepted before an erasure, written after it › not stored (201: as if then erased)", async () => {
    const w = await world();
    const respondent = "respondent-racing-the-erasure";
    const accepted = await acceptSubmission(env.DB, submission(w, { respondent, ...ANSWERS(4) }), {
      headers: new Headers(),
      origin: SHOP,
      now: Date.now() - 1000,
    });
    await forget(w, respondent);
    const later: Promise<unknown>[] = [];
    const outcome = await ingest(env, accepted, (work) => void later.push(work));
    await Promise.all(later);
    expect(outcome).toEqual({ status: 201, body: { id: accepted.row.id } });
    expect((await stored(w)).responses).toBe(0);
    expect((await dropped(w)).dropped).toEqual({ idReused: 0, withdrawn: 1, erased: 0 });
  });
});

describe("a survey deleted, or a survey or site marked deleted (its rows being purged), while its answers wait", () => {
  const markDeleted = {
    "survey deleted outright": (w: World) =>
      env.DB.prepare("DELETE FROM surveys WHERE id = ?1").bind(w.survey.id).run(),
    "survey marked deleted": (w: World) => markSurveyDeleted(env.DB, w.site.id, w.survey.id, new Date().toISOString()),
    "site marked deleted": (w: World) =>
      env.DB.batch(markSiteDeletedStatements(env.DB, w.site.id, new Date().toISOString())),
  };

  it.each(Object.entries(markDeleted))("%s › the consumer acknowledges and writes nothing", async (_, mark) => {
    const w = await world();
    const queue = captureQueue();
    await submitQueued(submission(w, ANSWERS(6)), queue);
    await mark(w);
    const r = await deliver(queue.sent);
    expect(r.acked).toEqual(r.ids);
    expect(await stored(w)).toEqual({ responses: 0, answers: 0, context: 0, aggregated: 0, dailyResponses: 0 });
  });

  it.each(Object.entries(markDeleted))(
    "%s › an isolate that still had it cached gets 410, nothing written",
    async (_, mark) => {
      const w = await world();
      const accepted = await acceptSubmission(env.DB, submission(w, ANSWERS(7)), {
        headers: new Headers(),
        origin: SHOP,
      });
      await mark(w);
      await expect(ingest(env, accepted, () => {})).rejects.toMatchObject({ code: "unknown_survey" });
      expect((await stored(w)).responses).toBe(0);
    },
  );
});

async function post(body: unknown, bindings: Record<string, unknown>) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${BASE}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: SHOP, "cf-connecting-ip": "10.7.0.1" },
      body: JSON.stringify(body),
    }),
    { ...env, ...bindings },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("D1 round trips per accepted answer (site and survey from the isolate's cache)", () => {
  it("queue mode › none: the answer is validated against the cache and queued", async () => {
    const w = await world();
    const counting = countingDb();
    const queue = captureQueue();
    const bindings = { DB: counting.db, INGEST_MODE: "queue", INGEST_QUEUE: queue.binding };
    expect((await post(submission(w, ANSWERS(1)), bindings)).status).toBe(202); // fills the cache
    counting.reset();
    for (let i = 2; i < 7; i++) expect((await post(submission(w, ANSWERS(i)), bindings)).status).toBe(202);
    expect(counting.roundTrips()).toBe(0);
    expect(queue.sent).toHaveLength(6);
  });

  it("queue mode, a survey of signed links › none either: the site's secret is kept in the isolate too", async () => {
    const w = await world();
    const signed = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: { ...SURVEY, links: { signed: true } },
    });
    expect(signed.status).toBe(200);
    const minted = await call("POST", `/api/sites/${w.site.id}/surveys/${w.survey.id}/links`, {
      cookie: w.owner.cookie,
      body: { context: { customer: "c-77" } },
    });
    expect(minted.status).toBe(201);
    const sig = new URL((await json<{ url: string }>(minted)).url).searchParams.get("sig");
    const link = { context: { customer: "c-77" }, sig, channel: "link" };
    const counting = countingDb();
    const queue = captureQueue();
    const bindings = { DB: counting.db, INGEST_MODE: "queue", INGEST_QUEUE: queue.binding };
    expect((await post(submission(w, { ...ANSWERS(1), ...link }), bindings)).status).toBe(202); // fills the caches
    counting.reset();
    for (let i = 2; i < 5; i++)
      expect((await post(submission(w, { ...ANSWERS(i), ...link }), bindings)).status).toBe(202);
    expect(counting.roundTrips()).toBe(0);
    // A forged signature is checked against the stored secret once more (a rotation elsewhere), then
    // refused; the refusal's CORS grant reads whether the origin is a site's (the site is not known then).
    const forged = await post(submission(w, { ...ANSWERS(5), ...link, sig: `${sig!.slice(0, -2)}xx` }), bindings);
    expect(forged.status).toBe(403);
    expect(counting.roundTrips()).toBe(2);
    expect(queue.sent).toHaveLength(4);
  });

  it("direct mode › one: the write batch, alerts included (its deliveries come back from it)", async () => {
    const w = await world();
    const hook = await call("POST", `/api/sites/${w.site.id}/webhooks`, {
      cookie: w.owner.cookie,
      body: { url: `${env.WEBHOOK_RECEIVER}/ok/${crypto.randomUUID()}` },
    });
    expect(hook.status).toBe(201);
    const counting = countingDb();
    const bindings = { DB: counting.db, INGEST_MODE: "direct" };
    expect((await post(submission(w, ANSWERS(1)), bindings)).status).toBe(201);
    const happy = { answers: [{ question: "nps", value: 10 }] };
    for (const body of [ANSWERS(0), happy]) {
      counting.reset();
      // NPS 0: a detractor, so an alert delivery is written and queued; NPS 10 alone: none.
      expect((await post(submission(w, body), bindings)).status).toBe(201);
      expect(counting.roundTrips()).toBe(1);
    }
    const alerts = await env.DB.prepare("SELECT COUNT(*) AS n FROM alert_deliveries WHERE site_id = ?1")
      .bind(w.site.id)
      .first<{ n: number }>();
    expect(alerts!.n).toBe(2);
  });
});
