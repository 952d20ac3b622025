/**
 * Helpers of the queue-mode tests: a capturing queue producer, POST /v1/responses in queue mode,
 * one delivery of messages to the worker's consumer, and what the database then holds.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { IngestMessage } from "../../worker/src/messages";
import { BASE, call, json, SHOP, submission, type World } from "./fixtures";
import { watchedDb } from "./watched-db";

const mod = await import("../../worker/src/index");
export const worker = mod.default;
export const app = mod.app;

/** A queue producer that keeps what it was given, so each test delivers messages itself. */
export function captureQueue() {
  const sent: IngestMessage[] = [];
  const queue = {
    sent,
    /** How many times the producer was called (one batch or one message each). */
    calls: 0,
    binding: {
      async send(body: IngestMessage) {
        queue.calls++;
        sent.push(structuredClone(body));
      },
      async sendBatch(items: Iterable<{ body: IngestMessage }>) {
        queue.calls++;
        for (const item of items) sent.push(structuredClone(item.body));
      },
    } as unknown as Queue<IngestMessage>,
  };
  return queue;
}

/** POST /v1/responses through the app in queue mode, with a capturing producer. */
export async function submitQueued(body: unknown, queue = captureQueue(), db: D1Database = env.DB) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${BASE}/v1/responses`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: SHOP,
        "cf-connecting-ip": `10.9.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
      },
      body: JSON.stringify(body),
    }),
    { ...env, DB: db, INGEST_MODE: "queue", INGEST_QUEUE: queue.binding },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, queue };
}

/** Accepted messages for `count` fresh submissions (optionally shaped by `make`). */
export async function acceptedMessages(
  w: World,
  count: number,
  make: (i: number) => Record<string, unknown> = () => ({}),
) {
  const queue = captureQueue();
  for (let i = 0; i < count; i++) {
    const { res } = await submitQueued(submission(w, make(i)), queue);
    expect(res.status).toBe(202);
  }
  return queue.sent;
}

let seq = 0;
/** Runs the worker's queue handler on one delivery of `bodies`, as the Queues runtime would. */
export async function deliver(bodies: IngestMessage[], attempts = 1, db: D1Database = env.DB) {
  const batch = createMessageBatch<IngestMessage>(
    "feedback-ingest",
    bodies.map((body) => ({ id: `msg-${++seq}`, timestamp: new Date(), attempts, body: structuredClone(body) })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as never, { ...env, DB: db } as never);
  const result = await getQueueResult(batch, ctx);
  const ids = batch.messages.map((m) => m.id);
  const acked = result.ackAll ? ids : result.explicitAcks;
  const retried = result.retryBatch.retry ? ids : result.retryMessages.map((m) => m.msgId);
  return { ids, acked, retried };
}

/** What the database holds for a site: responses, answers, and the aggregates' view of them. */
export async function stored(w: World) {
  const q = (sql: string) =>
    env.DB.prepare(sql)
      .bind(w.site.id)
      .first<{ n: number }>()
      .then((r) => Number(r?.n ?? 0));
  return {
    responses: await q("SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1"),
    answers: await q("SELECT COUNT(*) AS n FROM answers WHERE site_id = ?1"),
    context: await q("SELECT COUNT(*) AS n FROM response_context WHERE site_id = ?1"),
    aggregated: await q("SELECT COALESCE(SUM(count), 0) AS n FROM daily_aggregates WHERE site_id = ?1"),
    dailyResponses: await q("SELECT COALESCE(SUM(count), 0) AS n FROM daily_responses WHERE site_id = ?1"),
  };
}

/** What the owner sees of dropped answers (GET /api/sites/:siteId/ingestion). */
export async function dropped(w: World) {
  const res = await call("GET", `/api/sites/${w.site.id}/ingestion`, { cookie: w.owner.cookie });
  expect(res.status).toBe(200);
  return json(res);
}

/** A D1 binding whose batch() misbehaves as told, passing everything else through. */
export function faultyDb(fault: (call: number, real: () => Promise<D1Result[]>) => Promise<D1Result[]>) {
  let calls = 0;
  return watchedDb({ batch: (_, run) => fault(++calls, run) });
}

export const ANSWERS = (i: number) => ({
  answers: [
    { question: "nps", value: i % 11 },
    { question: "csat", value: 1 + (i % 5) },
    { question: "why", value: `reason ${i}` },
  ],
  context: { productId: `sku-${i % 7}`, orderId: `A-${i}` },
});
