/**
 * The write path of every answer: POST /v1/responses and the ingest queue's consumer both end here.
 * One atomic, idempotent write keyed by the client's id, then the alerts of unhappy answers.
 *
 * An id seen before is settled against what is stored: the same submission again is a duplicate
 * (counted once); a later part that adds answers or completes the response continues it; anything
 * else (another body, a changed or removed answer, a complete response reopened) is a reused id and
 * changes nothing.
 *
 * `INGEST_MODE = "queue"` puts the write of new ids behind Cloudflare Queues (ARCHITECTURE.md):
 * the route answers once the submission is safely queued, and the consumer calls `store` with a batch.
 */
import { claimHolder } from "../db/links";
import * as writes from "../db/response-writes";
import { type StoredResponse, storedResponses } from "../db/stored-responses";
import type { PendingDelivery } from "../db/webhook-events";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import type { IngestMessage } from "../messages";
import { queueDeliveries } from "./alerts";
import type { Accepted } from "./submission";

/** The answer of POST /v1/responses: 201 new, 200 a later part, 200 `duplicate` the same again. */
export interface IngestOutcome {
  status: 200 | 201;
  body: { id: string; duplicate?: true };
}

/** What became of a submission handed to `store`. */
export type Fate = "created" | "continued" | "duplicate" | "reused" | "answered";

/** Work that may go on after the answer (the request's `waitUntil`), or be awaited (the queue consumer). */
export type Defer = (work: Promise<unknown>) => void;

const logFailure = (event: string) => (err: unknown) =>
  console.error(JSON.stringify({ event, error: String((err as Error)?.message ?? err) }));

export const queueMode = (env: Env): boolean => env.INGEST_MODE === "queue" && !!env.INGEST_QUEUE;

/** How a submission relates to the stored response of its id: its new answers, or a fate already. */
function compare(stored: StoredResponse, row: writes.NewResponse): Fate | writes.NewAnswer[] {
  if (stored.site_id !== row.siteId || stored.body_hash !== row.bodyHash) return "reused";
  const posted = new Map(row.answers.map((a) => [a.questionId, a.value]));
  if (stored.answers.some((a) => posted.get(a.question) !== a.value)) return "reused";
  const before = new Set(stored.answers.map((a) => a.question));
  const added = row.answers.filter((a) => !before.has(a.questionId));
  const wasComplete = stored.complete === 1;
  if (added.length === 0 && wasComplete === row.complete) return "duplicate";
  // A complete response is final: nothing is added to it, and it is never reopened.
  if (wasComplete) return "reused";
  return added;
}

/**
 * An id already stored: settles it, writing a later part if it is one (again if another part came
 * first). The alert deliveries it writes are added to `deliveries`.
 */
async function settle(env: Env, row: writes.NewResponse, deliveries: PendingDelivery[]): Promise<Fate> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = (await withD1Retry(() => storedResponses(env.DB, [row.id]))).get(row.id);
    if (!stored) {
      // Not written because another response holds its context value (one per order): refused.
      if (row.claim && (await withD1Retry(() => claimHolder(env.DB, row.siteId, row.surveyId, row.claim!)))) {
        return "answered";
      }
      // Erased between the insert and this read: written anew, as the first time.
      const again = await withD1Retry(() => writes.insertResponses(env.DB, [row]));
      deliveries.push(...again.deliveries);
      if (again.inserted.has(row.id)) return "created";
      continue;
    }
    const relation = compare(stored, row);
    if (typeof relation === "string") return relation;
    const expected = { complete: stored.complete === 1, answers: stored.answers.length, day: stored.day };
    const part = await withD1Retry(() => writes.continueResponse(env.DB, row, expected, relation));
    deliveries.push(...part.deliveries);
    if (part.written) return "continued";
  }
  throw new ApiError("unavailable", "this response is being written by another request; retry", undefined, {
    "Retry-After": "1",
  });
}

/**
 * Writes rows (new ones in one transaction) and tells each one's fate; the webhook deliveries the
 * writes made (alerts of unhappy answers, response.created and .completed) are queued through
 * `defer`, so the write never waits for, or fails with, a webhook.
 */
export async function store(env: Env, rows: writes.NewResponse[], defer: Defer): Promise<Map<string, Fate>> {
  const first = await withD1Retry(() => writes.insertResponses(env.DB, rows));
  const deliveries = [...first.deliveries];
  const fates = new Map<string, Fate>();
  for (const row of rows) {
    if (first.inserted.has(row.id) && !fates.has(row.id)) fates.set(row.id, "created");
    // A repeated id within one batch is settled against the first copy, as a retry would be.
    else fates.set(row.id, await settle(env, row, deliveries));
  }
  if (deliveries.length > 0) defer(queueDeliveries(env, deliveries).catch(logFailure("alert_enqueue_failed")));
  return fates;
}

const reusedError = (id: string) =>
  new ApiError("id_reused", `response id "${id}" was already used for a different submission`);

/** The contract's answer for a fate. */
function outcomeOf(id: string, fate: Fate | undefined): IngestOutcome {
  if (fate === "reused" || fate === undefined) throw reusedError(id);
  if (fate === "answered") {
    throw new ApiError("already_answered", "this survey takes one response per customer, and this one already has it");
  }
  if (fate === "created") return { status: 201, body: { id } };
  return { status: 200, body: fate === "duplicate" ? { id, duplicate: true } : { id } };
}

/** Stores one accepted submission now, or queues it (queue mode), and answers as the contract says. */
export async function ingest(env: Env, accepted: Accepted, defer: Defer): Promise<IngestOutcome> {
  const { row } = accepted;
  // A response that claims a context value is written now: only the write can tell 201 from 409.
  if (!queueMode(env) || row.claim) return outcomeOf(row.id, (await store(env, [row], defer)).get(row.id));
  // Queue mode: an id already written is settled now (a retry, or a later part); a new one is queued.
  const stored = (await withD1Retry(() => storedResponses(env.DB, [row.id]))).get(row.id);
  if (stored) return outcomeOf(row.id, (await store(env, [row], defer)).get(row.id));
  try {
    await env.INGEST_QUEUE!.send({ kind: "response", row } satisfies IngestMessage, { contentType: "json" });
  } catch {
    throw new ApiError("unavailable", "could not queue the answer; retry later", undefined, { "Retry-After": "5" });
  }
  return { status: 201, body: { id: row.id } };
}
