/**
 * A customer's data requests, found by a context value the shop sent (an order id, an email hash…):
 * access (every response as JSON) and erasure (every response deleted with its weight in the
 * aggregates, recorded with the consent records). Both bounded per request.
 */
import { nanoid } from "nanoid";
import type { CustomerData, ErasureResult } from "../../../shared/types";
import * as erasures from "../db/erasures";
import { deliveriesIn } from "../db/webhook-events";
import type { Env } from "../env";
import { withD1Retry } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import { nowIso } from "../lib/time";
import { queueLater } from "./alerts";
import { listPage } from "./responses";

type ContextValue = { key: string; value: string };

/** Responses one access export holds; `count` still tells how many match. */
export const EXPORT_LIMIT = 1000;
const PAGE = 200;
/** Erasure: rows per transaction, and transactions per request (then `more: true`, and the owner repeats). */
export const ERASE_CHUNK = 500;
export const ERASE_CHUNKS = 20;

export async function customerData(db: D1Database, siteId: string, context: ContextValue): Promise<CustomerData> {
  const responses: CustomerData["responses"] = [];
  let cursor: string | undefined;
  let count = 0;
  for (;;) {
    const page = await listPage(db, siteId, { context, limit: PAGE, order: "asc", cursor });
    count += page.items.length;
    if (responses.length < EXPORT_LIMIT) responses.push(...page.items.slice(0, EXPORT_LIMIT - responses.length));
    if (!page.next || count >= EXPORT_LIMIT * 10) break;
    cursor = page.next;
  }
  return {
    site: siteId,
    context,
    exportedAt: nowIso(),
    count,
    truncated: count > responses.length,
    responses,
  };
}

/**
 * DELETE /api/sites/:siteId/responses?context=key:value: a customer's erasure request. Webhooks that
 * asked for it get a response.erased per chunk, listing its ids, so copies elsewhere can go too.
 */
export async function eraseByContext(
  env: Env,
  siteId: string,
  context: ContextValue,
  keepAlive: KeepAlive,
): Promise<ErasureResult> {
  const erasure = { id: `era_${nanoid()}`, siteId, key: context.key, value: context.value, at: nowIso() };
  let deleted = 0;
  for (let chunk = 0; chunk < ERASE_CHUNKS; chunk++) {
    const eventId = `erasure:${erasure.id}:${chunk}`;
    const [, events, taken] = await withD1Retry(() => erasures.eraseChunk(env.DB, erasure, eventId, ERASE_CHUNK));
    queueLater(env, keepAlive, deliveriesIn(events!));
    deleted += taken!.results.length;
    if (taken!.results.length < ERASE_CHUNK) return { deleted, more: false };
  }
  return { deleted, more: true };
}
