/**
 * The ingest queue's consumer (INGEST_MODE = "queue", see ARCHITECTURE.md). Queues deliver at
 * least once and in no particular order, so the client id stays the idempotency key: `store` does
 * nothing for an id already written, settles parts delivered out of order, and a batch that fails is
 * retried whole without doubling anything. The route answered 202 before any of this: a reused id
 * or an answer of a respondent who withdrew in the meantime is dropped here, logged and counted.
 */
import type { Env } from "../env";
import { ApiError, errorText } from "../errors";
import { isDatabaseDown } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import type { IngestMessage } from "../messages";
import { recordDropped, store } from "./ingest";
import { noteWrite } from "./write-activity";

/** Delay before a retried message comes back: grows with its attempts, at most a minute. */
const retryDelay = (attempts: number) => Math.min(60, 2 ** Math.min(6, attempts));

/** The database is unavailable, or a response is being written by another request: retry everything later. */
const databaseUnavailable = (err: unknown) =>
  isDatabaseDown(err) || (err instanceof ApiError && err.code === "unavailable");

/** Writes rows and records (logs and counts) those dropped: every drop here is one nobody was told of. */
async function storeAndCount(env: Env, rows: IngestMessage["row"][], keepAlive: KeepAlive) {
  await recordDropped(env, rows, await store(env, rows, keepAlive), ["reused", "withdrawn", "erased"]);
}

/**
 * Writes a batch of queued submissions: first all of them in one D1 transaction of multi-row
 * inserts (a handful of statements for up to 100 messages). If that fails for a reason that is
 * not the database being unavailable, one message must be at fault (a "poison" message): the
 * messages are then written one by one, each acknowledged once written, and only those that fail
 * are retried, so one bad message cannot hold 99 good ones hostage until the dead-letter queue.
 */
export async function consumeIngestBatch(batch: MessageBatch<IngestMessage>, env: Env): Promise<void> {
  const messages = batch.messages.filter((m) => m.body?.kind === "response");
  for (const m of batch.messages) if (m.body?.kind !== "response") m.ack();
  if (messages.length === 0) return;
  noteWrite();
  // Alerts of new answers are queued after the write; a failure there is swept later by the cron.
  const alerts: Promise<unknown>[] = [];
  const keepAlive: KeepAlive = (work) => void alerts.push(work);
  try {
    await storeAndCount(
      env,
      messages.map((m) => m.body.row),
      keepAlive,
    );
    for (const m of messages) m.ack();
  } catch (err) {
    console.error(JSON.stringify({ event: "ingest_batch_failed", size: messages.length, error: errorText(err) }));
    if (databaseUnavailable(err)) {
      for (const m of messages) m.retry({ delaySeconds: retryDelay(m.attempts) });
      return;
    }
    for (const m of messages) {
      try {
        await storeAndCount(env, [m.body.row], keepAlive);
        m.ack();
      } catch (one) {
        console.error(JSON.stringify({ event: "ingest_message_failed", attempts: m.attempts, error: errorText(one) }));
        m.retry({ delaySeconds: retryDelay(m.attempts) });
      }
    }
  }
  await Promise.all(alerts);
  noteWrite();
}
