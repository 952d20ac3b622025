/**
 * Buffered ingestion (INGEST_MODE = "queue", ARCHITECTURE.md): the route validates and
 * answers 202, the Queue consumer writes. Queues deliver at least once, in any order, and retry
 * failed batches, so these tests check the one promise that matters: an accepted answer is
 * written exactly once, whatever the redeliveries and failures on the way, and what is dropped
 * (a reused id, an answer whose respondent withdrew) is counted where the owner sees it.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { IngestMessage } from "../../worker/src/messages";
import { BASE, clientId, json, SHOP, submission, world } from "./fixtures";
import { ANSWERS, acceptedMessages, app, deliver, dropped, faultyDb, stored, submitQueued } from "./queue-support";

describe("queue mode › POST /v1/responses", () => {
  it("a valid submission › should answer 202 at once and be written only by the consumer", async () => {
    const w = await world();
    const body = submission(w, ANSWERS(3));
    const { res, queue } = await submitQueued(body);
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ id: body.id, queued: true });
    expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(queue.sent).toHaveLength(1);
    expect(await stored(w)).toMatchObject({ responses: 0, answers: 0 });

    const { ids, acked, retried } = await deliver(queue.sent);
    expect(acked).toEqual(ids);
    expect(retried).toEqual([]);
    expect(await stored(w)).toEqual({ responses: 1, answers: 3, context: 2, aggregated: 2, dailyResponses: 1 });
  });

  it("an id already written › the same body again is a duplicate; another is dropped, logged, counted", async () => {
    const w = await world();
    const body = submission(w);
    const first = await submitQueued(body);
    await deliver(first.queue.sent);
    const again = await submitQueued(body);
    expect(again.res.status).toBe(202);
    const reused = await submitQueued({ ...body, answers: [{ question: "nps", value: 1 }] });
    expect(reused.res.status).toBe(202);
    const warned = vi.spyOn(console, "warn");
    const r = await deliver([...again.queue.sent, ...reused.queue.sent]);
    expect(r.acked).toEqual(r.ids);
    expect(await stored(w)).toMatchObject({ responses: 1, answers: 1, aggregated: 1 });
    const score = await env.DB.prepare("SELECT score FROM answers WHERE response_id = ?1")
      .bind(body.id)
      .first<{ score: number }>();
    expect(score!.score).toBe(9);
    expect(warned.mock.calls.map((c) => String(c[0])).filter((t) => t.includes(body.id))).toEqual([
      JSON.stringify({ event: "ingest_id_reused", id: body.id, site: w.site.id }),
    ]);
    warned.mockRestore();
    expect((await dropped(w)).dropped).toEqual({ idReused: 1, withdrawn: 0, erased: 0 });
    // Delivered once more (at least once): still one drop.
    await deliver(reused.queue.sent, 2);
    expect((await dropped(w)).dropped).toEqual({ idReused: 1, withdrawn: 0, erased: 0 });
  });

  it("an invalid submission › should be refused before the queue", async () => {
    const w = await world();
    const { res, queue } = await submitQueued(submission(w, { answers: [{ question: "nps", value: 11 }] }));
    expect(res.status).toBe(400);
    expect(queue.sent).toEqual([]);
  });

  it("the real queue binding › should answer 202 and the runtime's consumer should write the answer once", async () => {
    const w = await world();
    const body = submission(w, ANSWERS(5));
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${BASE}/v1/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: SHOP, "cf-connecting-ip": "10.8.0.1" },
        body: JSON.stringify(body),
      }),
      { ...env, INGEST_MODE: "queue" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(202);
    // The consumer runs after max_batch_timeout (1 s); bounded wait.
    const deadline = Date.now() + 15_000;
    while ((await stored(w)).responses === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await stored(w)).toEqual({ responses: 1, answers: 3, context: 2, aggregated: 2, dailyResponses: 1 });
  });
});

describe("queue consumer › at-least-once delivery", () => {
  it("the same message delivered twice, in one batch and in another › should count once", async () => {
    const w = await world();
    const [message] = await acceptedMessages(w, 1, ANSWERS);
    const once = await deliver([message!, message!]);
    expect(once.acked).toEqual(once.ids);
    const twice = await deliver([message!], 2);
    expect(twice.acked).toEqual(twice.ids);
    expect(await stored(w)).toEqual({ responses: 1, answers: 3, context: 2, aggregated: 2, dailyResponses: 1 });
  });

  it("a full batch of 100 › writes every answer once with multi-row inserts, nothing more on redelivery", async () => {
    const w = await world();
    const messages = await acceptedMessages(w, 100, ANSWERS);
    const first = await deliver(messages);
    expect(first.acked).toHaveLength(100);
    const expected = { responses: 100, answers: 300, context: 200, aggregated: 200, dailyResponses: 100 };
    expect(await stored(w)).toEqual(expected);
    await deliver(messages.slice().reverse(), 2);
    expect(await stored(w)).toEqual(expected);
    // The aggregates hold exactly the answers' histogram.
    const h = await env.DB.prepare(
      "SELECT h0, h5, h10 FROM daily_aggregates WHERE site_id = ?1 AND question_id = 'nps'",
    )
      .bind(w.site.id)
      .first();
    expect(h).toEqual({ h0: 10, h5: 9, h10: 9 });
  });

  it("two messages with one id and different bodies in one batch › should keep the first body only", async () => {
    const w = await world();
    const [a] = await acceptedMessages(w, 1, () => ({ answers: [{ question: "nps", value: 10 }] }));
    const [b] = await acceptedMessages(w, 1, () => ({
      answers: [
        { question: "nps", value: 0 },
        { question: "csat", value: 1 },
      ],
    }));
    const clash: IngestMessage = { kind: "response", row: { ...b!.row, id: a!.row.id } };
    await deliver([a!, clash]);
    expect(await stored(w)).toMatchObject({ responses: 1, answers: 1, aggregated: 1 });
    expect((await dropped(w)).dropped).toEqual({ idReused: 1, withdrawn: 0, erased: 0 });
    const score = await env.DB.prepare("SELECT score FROM answers WHERE response_id = ?1")
      .bind(a!.row.id)
      .first<{ score: number }>();
    expect(score!.score).toBe(10);
  });
});

describe("queue consumer › failures mid-batch", () => {
  it("database overloaded all batch › every message retried, none written; redelivery writes each once", async () => {
    const w = await world();
    const messages = await acceptedMessages(w, 5, ANSWERS);
    const down = faultyDb(async () => {
      throw new Error("D1_ERROR: D1 DB is overloaded. Too many requests queued.");
    });
    const failed = await deliver(messages, 1, down);
    expect(failed.acked).toEqual([]);
    expect(failed.retried.sort()).toEqual(failed.ids.sort());
    expect(await stored(w)).toMatchObject({ responses: 0, answers: 0, aggregated: 0 });

    const retried = await deliver(messages, 2);
    expect(retried.acked).toEqual(retried.ids);
    expect(await stored(w)).toEqual({ responses: 5, answers: 15, context: 10, aggregated: 10, dailyResponses: 5 });
  });

  it("a batch committed but its answer lost (network) › should be retried without doubling anything", async () => {
    const w = await world();
    const messages = await acceptedMessages(w, 4, ANSWERS);
    // The first call commits, then the connection drops before the result arrives.
    const flaky = faultyDb(async (call, real) => {
      const results = await real();
      if (call === 1) throw new Error("D1_ERROR: Network connection lost.");
      return results;
    });
    const r = await deliver(messages, 1, flaky);
    expect(r.acked).toEqual(r.ids);
    expect(await stored(w)).toEqual({ responses: 4, answers: 12, context: 8, aggregated: 8, dailyResponses: 4 });

    // Every call commits and then fails: the whole batch comes back later, still nothing doubles.
    const lost = faultyDb(async (_call, real) => {
      await real();
      throw new Error("D1_ERROR: Network connection lost.");
    });
    const more = await acceptedMessages(w, 3, ANSWERS);
    const failed = await deliver(more, 1, lost);
    expect(failed.retried.sort()).toEqual(failed.ids.sort());
    const redelivered = await deliver(more, 2);
    expect(redelivered.acked).toEqual(redelivered.ids);
    expect(await stored(w)).toEqual({ responses: 7, answers: 21, context: 14, aggregated: 14, dailyResponses: 7 });
  });

  it("a batch() that throws once › should be written on the fallback path with each answer once", async () => {
    const w = await world();
    const messages = await acceptedMessages(w, 6, ANSWERS);
    const once = faultyDb(async (call, real) => {
      if (call === 1) throw new Error("D1_ERROR: SQLITE_CONSTRAINT: simulated failure in statement 3 of the batch");
      return real();
    });
    const r = await deliver(messages, 1, once);
    expect(r.acked).toEqual(r.ids);
    expect(r.retried).toEqual([]);
    expect(await stored(w)).toEqual({ responses: 6, answers: 18, context: 12, aggregated: 12, dailyResponses: 6 });
    await deliver(messages, 2);
    expect(await stored(w)).toEqual({ responses: 6, answers: 18, context: 12, aggregated: 12, dailyResponses: 6 });
  });

  it("a poison insert mid-batch › batch rolled back, the good ones written once, only the poison retried", async () => {
    const w = await world();
    const [good1, bad, good2] = await acceptedMessages(w, 3, ANSWERS);
    // answers.value is NOT NULL: this row fails in the middle of the batch's transaction.
    const poison: IngestMessage = {
      kind: "response",
      row: { ...bad!.row, answers: bad!.row.answers.map((a) => ({ ...a, value: null as unknown as string })) },
    };
    const r = await deliver([good1!, poison, good2!]);
    expect(r.acked).toEqual([r.ids[0], r.ids[2]]);
    expect(r.retried).toEqual([r.ids[1]]);
    expect(await stored(w)).toEqual({ responses: 2, answers: 6, context: 4, aggregated: 4, dailyResponses: 2 });
    const poisoned = await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE id = ?1")
      .bind(bad!.row.id)
      .first<{ n: number }>();
    expect(poisoned!.n).toBe(0);

    // At-least-once: the whole batch may come again, with the original (valid) message this time.
    const again = await deliver([good1!, bad!, good2!], 2);
    expect(again.acked).toEqual(again.ids);
    expect(await stored(w)).toEqual({ responses: 3, answers: 9, context: 6, aggregated: 6, dailyResponses: 3 });
  });

  it("messages of another kind › should be acknowledged and ignored", async () => {
    const r = await deliver([{ kind: "something-else", id: clientId() } as unknown as IngestMessage]);
    expect(r.acked).toEqual(r.ids);
  });
});
