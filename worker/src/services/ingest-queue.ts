/**
 * Buffered ingestion (INGEST_MODE = "queue", see ARCHITECTURE.md): the route validates and
 * answers at once, a Queue consumer writes messages in batches. Queues deliver at least once,
 * so the client id stays the idempotency key: the consumer's inserts do nothing for an id
 * already written, and a batch that fails is retried whole without doubling anything.
 */

import * as responses from "../db/responses";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { isOverloadD1Error, isTransientD1Error, withD1Retry } from "../lib/d1-retry";
import { enqueueAlerts } from "./alerts";
import type { IngestOutcome } from "./ingest";

export interface IngestMessage {
  kind: "response";
  row: responses.NewResponse;
}

export async function enqueueSubmission(env: Env, row: responses.NewResponse): Promise<IngestOutcome> {
  // An id already written answers as in direct mode; a new one is accepted once it is safely queued.
  const existing = await withD1Retry(() => responses.findResponseHash(env.DB, row.id));
  if (existing) {
    if (existing.site_id === row.siteId && existing.body_hash === row.bodyHash)
      return { status: 200, id: row.id, duplicate: true };
    throw new ApiError("id_reused", `response id "${row.id}" was already used for a different submission`);
  }
  try {
    await env.INGEST_QUEUE!.send({ kind: "response", row } satisfies IngestMessage, { contentType: "json" });
  } catch {
    throw new ApiError("unavailable", "could not queue the answer; retry later", undefined, { "Retry-After": "5" });
  }
  return { status: 201, id: row.id };
}

/** Delay before a retried message comes back: grows with its attempts, at most a minute. */
const retryDelay = (attempts: number) => Math.min(60, 2 ** Math.min(6, attempts));

/**
 * Writes a batch of queued submissions: first all of them in one D1 transaction of
 * multi-row inserts (a handful of statements for up to 100 messages). If that fails for
 * a reason that is not the database being unavailable, one message must be at fault (a
 * "poison" message): the messages are then written one by one, each acknowledged once
 * written, and only those that fail are retried, so one bad message cannot hold 99 good
 * ones hostage until the dead-letter queue. Every write is idempotent by the client id,
 * so redelivery (at least once) never doubles an answer.
 */
export async function consumeIngestBatch(batch: MessageBatch<IngestMessage>, env: Env): Promise<void> {
  const messages = batch.messages.filter((m) => m.body?.kind === "response");
  for (const m of batch.messages) if (m.body?.kind !== "response") m.ack();
  if (messages.length === 0) return;
  let written: string[];
  try {
    const results = await withD1Retry(() =>
      env.DB.batch(
        responses.insertResponsesStatements(
          env.DB,
          messages.map((m) => m.body.row),
        ),
      ),
    );
    written = results.flatMap((r) => (r.results as { id?: string }[]).map((x) => x.id ?? "")).filter(Boolean);
    for (const m of messages) m.ack();
  } catch (err) {
    console.error(
      JSON.stringify({
        event: "ingest_batch_failed",
        size: messages.length,
        error: String((err as Error)?.message ?? err),
      }),
    );
    if (databaseUnavailable(err)) {
      for (const m of messages) m.retry({ delaySeconds: retryDelay(m.attempts) });
      return;
    }
    written = [];
    for (const m of messages) {
      try {
        const results = await withD1Retry(() =>
          env.DB.batch(responses.insertResponsesStatements(env.DB, [m.body.row])),
        );
        if (results[0]!.results.length === 1) written.push(m.body.row.id);
        m.ack();
      } catch (one) {
        console.error(
          JSON.stringify({
            event: "ingest_message_failed",
            attempts: m.attempts,
            error: String((one as Error)?.message ?? one),
          }),
        );
        m.retry({ delaySeconds: retryDelay(m.attempts) });
      }
    }
  }
  // Detractor alerts of the newly written answers; a failure here is swept later by the cron.
  const alerting = new Set(messages.filter((m) => m.body.row.alert).map((m) => m.body.row.id));
  for (const id of written.filter((x) => alerting.has(x))) {
    await enqueueAlerts(env, id).catch((err) =>
      console.error(JSON.stringify({ event: "alert_enqueue_failed", error: String(err) })),
    );
  }
}

/** The database itself is unavailable (shed load or still failing after retries): retry everything later. */
const databaseUnavailable = (err: unknown) =>
  (err instanceof ApiError && err.code === "unavailable") || isOverloadD1Error(err) || isTransientD1Error(err);
