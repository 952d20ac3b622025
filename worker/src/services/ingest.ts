/**
 * The write path of every answer: POST /v1/responses (ingest-paths.ts, which writes the submissions of
 * concurrent requests in one batch) and the ingest queue's consumer both end here. One atomic,
 * idempotent write of a batch, keyed by the clients' ids, then the alerts of unhappy answers.
 *
 * An id seen before is settled against what is stored: the same submission again is a duplicate
 * (counted once); a later part that adds answers or completes the response continues it; an earlier
 * part delivered after a later one (queues do not keep order) is a duplicate too; anything else
 * (another body, a changed or removed answer, a complete response reopened) is a reused id and
 * changes nothing. A submission whose respondent asked for erasure after consenting is never written.
 *
 * `INGEST_MODE = "queue"` answers 202 once the submission is queued, with no D1 query on the way
 * (ingest-paths.ts, ARCHITECTURE.md): the consumer settles duplicates and reused ids, and counts what
 * it dropped.
 */
import { type Drop, type DropReason, recordDrops } from "../db/ingest-drops";
import * as writes from "../db/response-writes";
import {
  claimKey,
  fenceKey,
  type SettleFacts,
  type StoredResponse,
  settleFacts,
  subjectsOf,
  surveyKey,
} from "../db/settle";
import type { Env } from "../env";
import { ApiError } from "../errors";
import type { Outcome } from "../lib/coalescer";
import { withD1Retry } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import { nowIso } from "../lib/time";
import { queueLater } from "./alerts";

/**
 * What became of a submission handed to `store`: `withdrawn` (its respondent asked for erasure after
 * consenting), `erased` (a customer's data request erased one of its context values since), `gone`
 * (its survey was deleted) and `answered` (another response holds its context value: one per order)
 * are not written.
 */
export type Fate = "created" | "continued" | "duplicate" | "reused" | "withdrawn" | "erased" | "gone" | "answered";

/** How a submission relates to the stored response of its id: its new answers, or a fate already. */
function compare(stored: StoredResponse, row: writes.NewResponse): Fate | writes.NewAnswer[] {
  if (stored.site_id !== row.siteId || stored.body_hash !== row.bodyHash) return "reused";
  const before = new Map(stored.answers.map((a) => [a.question, a.value]));
  if (row.answers.some((a) => before.has(a.questionId) && before.get(a.questionId) !== a.value)) return "reused";
  const posted = new Set(row.answers.map((a) => a.questionId));
  const removes = stored.answers.some((a) => !posted.has(a.question));
  const added = row.answers.filter((a) => !before.has(a.questionId));
  const wasComplete = stored.complete === 1;
  if (added.length === 0 && !removes && wasComplete === row.complete) return "duplicate";
  // Accepted before the part stored last and bringing nothing new: delivered out of order.
  const earlier = stored.updated_at !== null && row.createdAt < stored.updated_at;
  if (earlier && added.length === 0 && (wasComplete || !row.complete)) return "duplicate";
  // Removing an answer, or adding to or reopening a complete response (which is final).
  if (removes || wasComplete) return "reused";
  return added;
}

/** Which erasure since its consent keeps a row out: its respondent's, or one of its context values'. */
const fenced = (facts: SettleFacts, row: writes.NewResponse): "withdrawn" | "erased" | null => {
  const [respondent, ...context] = subjectsOf(row).map((s) => facts.fences.get(fenceKey(row.siteId, s)));
  const after = (at: string | undefined) => at !== undefined && at >= row.consentAt;
  if (after(respondent)) return "withdrawn";
  return context.some(after) ? "erased" : null;
};

/** Whether another response holds the context value this one claims (one response per order). */
const heldByAnother = (facts: SettleFacts, row: writes.NewResponse) => {
  const holder = row.claim === null ? undefined : facts.claims.get(claimKey(row.siteId, row.surveyId, row.claim));
  return holder !== undefined && holder !== row.id;
};

/**
 * Settles the submissions (indexes into `rows`, in order) whose insert did nothing, in a few
 * rounds: one batch of reads for all of them, then a later part written where the response is still
 * as read (another part may come first: read again), or an insert where it is no longer stored.
 */
async function settle(
  env: Env,
  rows: writes.NewResponse[],
  pending: number[],
  fates: Fate[],
  deliveries: writes.PendingDelivery[],
): Promise<void> {
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    const facts = await withD1Retry(() =>
      settleFacts(
        env.DB,
        pending.map((i) => rows[i]!),
      ),
    );
    const again: number[] = [];
    const absent: number[] = [];
    for (const i of pending) {
      const row = rows[i]!;
      const stored = facts.stored.get(row.id);
      if (!stored) {
        const erasure = fenced(facts, row);
        if (erasure) fates[i] = erasure;
        else if (!facts.surveys.has(surveyKey(row.siteId, row.surveyId))) fates[i] = "gone";
        else if (heldByAnother(facts, row)) fates[i] = "answered";
        else absent.push(i); // erased (by its owner) since it was stored: written anew, as the first time
        continue;
      }
      const relation = compare(stored, row);
      if (typeof relation === "string") {
        fates[i] = relation;
        continue;
      }
      const expected = { complete: stored.complete === 1, answers: stored.answers.length, day: stored.day };
      const part = await withD1Retry(() => writes.continueResponse(env.DB, row, expected, relation));
      if (!part.written) {
        again.push(i);
        continue;
      }
      fates[i] = "continued";
      deliveries.push(...part.deliveries);
      // Later parts of the same id in this batch are settled against what was just written.
      stored.answers.push(...relation.map((a) => ({ question: a.questionId, value: a.value })));
      stored.complete = row.complete ? 1 : 0;
      stored.updated_at = row.createdAt;
    }
    if (absent.length > 0) {
      const written = await withD1Retry(() =>
        writes.insertResponses(
          env.DB,
          absent.map((i) => rows[i]!),
        ),
      );
      deliveries.push(...written.deliveries);
      const claimed = new Set<string>();
      for (const i of absent) {
        const id = rows[i]!.id;
        if (written.inserted.has(id) && !claimed.has(id)) {
          fates[i] = "created";
          claimed.add(id);
        } else again.push(i);
      }
    }
    pending = again.sort((a, b) => a - b);
  }
  if (pending.length > 0) {
    throw new ApiError("unavailable", "this response is being written by another request; retry", undefined, {
      "Retry-After": "1",
    });
  }
}

/**
 * Writes rows (new ones in one transaction) and tells each one's fate, in the order given; the
 * webhook deliveries the writes made (alerts of unhappy answers, response.created and .completed) are
 * queued through `keepAlive`, so the write never waits for, or fails with, a webhook. New submissions
 * cost one D1 round trip: the batch. Throws only when that batch fails (then nothing was written);
 * should the settling of ids seen before fail after it, the rows already settled keep their fates
 * and deliveries, and the others carry the error.
 */
export async function storeEach(env: Env, rows: writes.NewResponse[], keepAlive: KeepAlive): Promise<Outcome<Fate>[]> {
  const first = await withD1Retry(() => writes.insertResponses(env.DB, rows));
  const fates: Fate[] = new Array(rows.length);
  const deliveries = [...first.deliveries];
  const claimed = new Set<string>();
  const pending: number[] = [];
  rows.forEach((row, i) => {
    // A repeated id within one batch is settled against the first copy, as a retry would be.
    if (first.inserted.has(row.id) && !claimed.has(row.id)) {
      fates[i] = "created";
      claimed.add(row.id);
    } else pending.push(i);
  });
  let failure: { error: unknown } | null = null;
  if (pending.length > 0) await settle(env, rows, pending, fates, deliveries).catch((error) => (failure = { error }));
  queueLater(env, keepAlive, deliveries);
  // A row without a fate is one the failure of the settling reached before it was settled.
  return rows.map((_, i): Outcome<Fate> => {
    const fate = fates[i];
    return fate !== undefined
      ? { ok: true, value: fate }
      : { ok: false, error: failure?.error ?? new Error("unsettled") };
  });
}

/** As `storeEach`, failing whole if any row has no fate (the queue consumer retries such a batch). */
export async function store(env: Env, rows: writes.NewResponse[], keepAlive: KeepAlive): Promise<Fate[]> {
  const fates: Fate[] = [];
  for (const s of await storeEach(env, rows, keepAlive)) {
    if (!s.ok) throw s.error;
    fates.push(s.value);
  }
  return fates;
}

const DROP_REASONS: Partial<Record<Fate, DropReason>> = {
  reused: "id_reused",
  withdrawn: "withdrawn",
  erased: "erased",
};

/**
 * Submissions that were accepted but not written, logged (ids only: never a body) and counted per
 * site and day for the owners (GET /api/sites/:siteId/ingestion). `silent` lists the fates nobody
 * was told about: in queue mode a reused id was answered 202, in direct mode it got 422.
 */
export async function recordDropped(
  env: Env,
  rows: writes.NewResponse[],
  fates: Fate[],
  silent: Fate[],
): Promise<void> {
  const at = nowIso();
  const drops: Drop[] = [];
  rows.forEach((row, i) => {
    const fate = fates[i]!;
    if (fate === "gone") console.warn(JSON.stringify({ event: "ingest_survey_gone", id: row.id }));
    const reason = DROP_REASONS[fate];
    if (!reason || !silent.includes(fate)) return;
    console.warn(JSON.stringify({ event: `ingest_${reason}`, id: row.id, site: row.siteId }));
    drops.push({ siteId: row.siteId, responseId: row.id, reason, at });
  });
  if (drops.length > 0) await withD1Retry(() => recordDrops(env.DB, drops));
}
