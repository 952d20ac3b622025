/**
 * The two paths of an accepted submission of POST /v1/responses, each shared by the isolate's
 * concurrent requests (lib/coalescer.ts): queued (`INGEST_MODE = "queue"`: 202 once the queue has
 * it, no D1 query on the way; the consumer settles it later) or written now (direct: 201, 200 or the
 * contract's error, from its fate in the write path, ingest.ts).
 */

import type { NewResponse } from "../db/response-writes";
import type { Env } from "../env";
import { ApiError, logFailure } from "../errors";
import { coalescingSender } from "../lib/coalesced-send";
import { coalescer, type Outcome, perKey } from "../lib/coalescer";
import { isDatabaseDown } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import type { IngestMessage } from "../messages";
import { type Fate, recordDropped, storeEach } from "./ingest";
import type { Accepted } from "./submission";

/** The answer of POST /v1/responses: 201 new, 200 a later part, 200 `duplicate` the same again, 202 queued. */
export interface IngestOutcome {
  status: 200 | 201 | 202;
  body: { id: string; duplicate?: true; queued?: true };
}

const queueMode = (env: Env): boolean => env.INGEST_MODE === "queue" && !!env.INGEST_QUEUE;

const reusedError = (id: string) =>
  new ApiError("id_reused", `response id "${id}" was already used for a different submission`);

/** The contract's answer for a fate (direct mode). */
function outcomeOf(id: string, fate: Fate | undefined): IngestOutcome {
  if (fate === "reused" || fate === undefined) throw reusedError(id);
  if (fate === "gone") throw new ApiError("unknown_survey", "this survey was deleted");
  if (fate === "answered") {
    throw new ApiError("already_answered", "this survey takes one response per customer, and this one already has it");
  }
  // Withdrawn or erased: the erasure raced this request and came after its consent; as if stored, then erased.
  if (fate === "created" || fate === "withdrawn" || fate === "erased") return { status: 201, body: { id } };
  return { status: 200, body: fate === "duplicate" ? { id, duplicate: true } : { id } };
}

/** Queued submissions of this isolate's concurrent requests leave in shared batches (lib/coalesced-send.ts). */
const senderOf = perKey((queue: Queue<IngestMessage>) => coalescingSender(queue));

/**
 * Direct mode: the submissions of an isolate's concurrent requests are written together, one batch
 * (one D1 transaction for the new ones) per flight (lib/coalescer.ts). Should a batch fail for
 * another reason than the database being down, one row may be at fault: the batch is then written
 * in halves, and halves of those, so only that row fails, in a few round trips.
 */
const WRITE_BATCH = 50;

async function writeApart(env: Env, rows: NewResponse[], keepAlive: KeepAlive): Promise<Outcome<Fate>[]> {
  try {
    const settled = await storeEach(env, rows, keepAlive);
    const again = settled.flatMap((s, i) => (!s.ok && rows.length > 1 && !isDatabaseDown(s.error) ? [i] : []));
    if (again.length === 0) return settled;
    // Settled rows keep their fates; the ones the failure reached are written again, apart.
    const rest = again.map((i) => rows[i]!);
    const retried = await (rest.length < rows.length
      ? writeApart(env, rest, keepAlive)
      : inHalves(env, rest, keepAlive));
    again.forEach((i, k) => {
      settled[i] = retried[k]!;
    });
    return settled;
  } catch (error) {
    if (rows.length === 1 || isDatabaseDown(error)) return rows.map(() => ({ ok: false, error }));
    return inHalves(env, rows, keepAlive);
  }
}

const inHalves = async (env: Env, rows: NewResponse[], keepAlive: KeepAlive): Promise<Outcome<Fate>[]> => {
  const half = Math.ceil(rows.length / 2);
  return [
    ...(await writeApart(env, rows.slice(0, half), keepAlive)),
    ...(await writeApart(env, rows.slice(half), keepAlive)),
  ];
};

const writerOf = perKey((env: Env) =>
  coalescer<NewResponse, Fate>((rows, keepAlive) => writeApart(env, rows, keepAlive), { maxItems: WRITE_BATCH }),
);

/** Stores one accepted submission now, or queues it (queue mode), and answers as the contract says. */
export async function ingest(env: Env, accepted: Accepted, keepAlive: KeepAlive): Promise<IngestOutcome> {
  const { row } = accepted;
  // A response that claims a context value (one per order) is written now: only the write can tell 201 from 409.
  if (queueMode(env) && !row.claim) {
    try {
      await senderOf(env.INGEST_QUEUE!).send({ kind: "response", row }, keepAlive);
    } catch {
      throw new ApiError("unavailable", "could not queue the answer; retry later", undefined, { "Retry-After": "5" });
    }
    return { status: 202, body: { id: row.id, queued: true } };
  }
  const fate = await writerOf(env).run(row, keepAlive);
  if (fate === "withdrawn" || fate === "erased") {
    keepAlive(recordDropped(env, [row], [fate], [fate]).catch(logFailure("drop_failed")));
  }
  return outcomeOf(row.id, fate);
}
