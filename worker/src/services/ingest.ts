/**
 * The write path of every answer: POST /v1/responses and the ingest queue's consumer both end here.
 * One atomic, idempotent write keyed by the client's id (the same submission twice counts once;
 * the same id with another body changes nothing), then the alerts of the new answers.
 *
 * `INGEST_MODE = "queue"` puts the write behind Cloudflare Queues (ARCHITECTURE.md): the route
 * answers once the submission is safely queued, and the consumer calls `store` with a batch.
 */
import * as responses from "../db/responses";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import type { IngestMessage } from "../messages";
import { enqueueAlerts } from "./alerts";
import type { Accepted } from "./submission";

export type IngestOutcome = { status: 201; id: string } | { status: 200; id: string; duplicate: true };

/** What became of a submission handed to `store`. */
export type Fate = "created" | "duplicate" | "reused";

/** Work that may go on after the answer (the request's `waitUntil`), or be awaited (the queue consumer). */
export type Defer = (work: Promise<unknown>) => void;

const logFailure = (event: string) => (err: unknown) =>
  console.error(JSON.stringify({ event, error: String((err as Error)?.message ?? err) }));

export const queueMode = (env: Env): boolean => env.INGEST_MODE === "queue" && !!env.INGEST_QUEUE;

/**
 * Writes rows in one transaction and tells each one's fate; the alerts of new unhappy answers are
 * queued through `defer`, so the write never waits for, or fails with, an alert.
 */
export async function store(env: Env, rows: responses.NewResponse[], defer: Defer): Promise<Map<string, Fate>> {
  const inserted = await withD1Retry(() => responses.insertResponses(env.DB, rows));
  const fates = new Map<string, Fate>();
  const others = rows.filter((r) => !inserted.has(r.id));
  const stored = others.length
    ? await withD1Retry(() =>
        responses.findResponseHashes(
          env.DB,
          others.map((r) => r.id),
        ),
      )
    : null;
  for (const row of rows) {
    if (inserted.has(row.id)) fates.set(row.id, "created");
    else {
      const existing = stored?.get(row.id);
      const same = existing && existing.site_id === row.siteId && existing.body_hash === row.bodyHash;
      fates.set(row.id, same ? "duplicate" : "reused");
    }
  }
  const alerting = rows.filter((r) => r.alert && inserted.has(r.id)).map((r) => r.id);
  if (alerting.length) defer(enqueueAlerts(env, alerting).catch(logFailure("alert_enqueue_failed")));
  return fates;
}

const reusedError = (id: string) =>
  new ApiError("id_reused", `response id "${id}" was already used for a different submission`);

/** Stores one accepted submission now, or queues it (queue mode), and answers as the contract says. */
export async function ingest(env: Env, accepted: Accepted, defer: Defer): Promise<IngestOutcome> {
  const { row } = accepted;
  if (queueMode(env)) return enqueue(env, row);
  const fate = (await store(env, [row], defer)).get(row.id);
  if (fate === "reused") throw reusedError(row.id);
  return fate === "created" ? { status: 201, id: row.id } : { status: 200, id: row.id, duplicate: true };
}

async function enqueue(env: Env, row: responses.NewResponse): Promise<IngestOutcome> {
  // An id already written answers as in direct mode; a new one is accepted once it is safely queued.
  const existing = (await withD1Retry(() => responses.findResponseHashes(env.DB, [row.id]))).get(row.id);
  if (existing) {
    if (existing.site_id === row.siteId && existing.body_hash === row.bodyHash) {
      return { status: 200, id: row.id, duplicate: true };
    }
    throw reusedError(row.id);
  }
  try {
    await env.INGEST_QUEUE!.send({ kind: "response", row } satisfies IngestMessage, { contentType: "json" });
  } catch {
    throw new ApiError("unavailable", "could not queue the answer; retry later", undefined, { "Retry-After": "5" });
  }
  return { status: 201, id: row.id };
}
