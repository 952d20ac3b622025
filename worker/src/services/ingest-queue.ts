/**
 * Buffered ingestion (INGEST_MODE = "queue", see ARCHITECTURE.md): the route validates and
 * answers at once, a Queue consumer writes messages in batches. Queues deliver at least once,
 * so the client id stays the idempotency key: the consumer's inserts do nothing for an id
 * already written, and a batch that fails is retried whole without doubling anything.
 */
import type { Env } from "../env";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import * as responses from "../db/responses";
import type { IngestOutcome } from "./ingest";

export interface IngestMessage {
  kind: "response";
  row: responses.NewResponse;
}

export async function enqueueSubmission(env: Env, row: responses.NewResponse): Promise<IngestOutcome> {
  // An id already written answers as in direct mode; a new one is accepted once it is safely queued.
  const existing = await withD1Retry(() => responses.findResponseHash(env.DB, row.id));
  if (existing) {
    if (existing.site_id === row.siteId && existing.body_hash === row.bodyHash) return { status: 200, id: row.id, duplicate: true };
    throw new ApiError("id_reused", `response id "${row.id}" was already used for a different submission`);
  }
  try {
    await env.INGEST_QUEUE!.send({ kind: "response", row } satisfies IngestMessage, { contentType: "json" });
  } catch {
    throw new ApiError("unavailable", "could not queue the answer; retry later", undefined, { "Retry-After": "5" });
  }
  return { status: 201, id: row.id };
}

/** Writes a batch of queued submissions in one D1 transaction; on failure the whole batch is retried. */
export async function consumeIngestBatch(batch: MessageBatch<IngestMessage>, env: Env): Promise<void> {
  const rows = batch.messages.filter((m) => m.body?.kind === "response").map((m) => m.body.row);
  if (rows.length === 0) return batch.ackAll();
  const statements = rows.flatMap((row) => responses.insertResponseStatements(env.DB, row));
  try {
    await withD1Retry(() => env.DB.batch(statements));
    batch.ackAll();
  } catch (err) {
    console.error(JSON.stringify({ event: "ingest_batch_failed", size: rows.length, error: String((err as Error)?.message ?? err) }));
    batch.retryAll({ delaySeconds: Math.min(60, 2 ** Math.min(6, batch.messages[0]?.attempts ?? 1)) });
  }
}
