/**
 * SQL of the webhook events that the code makes (the migrations' triggers make response.created and
 * response.completed): response.erased, written in the same transaction as the erasure it reports
 * (so neither goes without the other), follow_up.changed, written with the change, and the pending
 * deliveries a response write made, read back in that write's batch (queueing them costs no read).
 * Each statement returns the deliveries it made as `id, due_at`, to be queued after the write.
 */
import type { ErasureReason, WebhookEvent } from "../../../shared/webhooks";
import type { D1Queries } from "../lib/d1-session";

/** A webhook delivery written by a write: queued after it (ALERT_QUEUE), due at `due_at`. */
export interface PendingDelivery {
  id: string;
  due_at: string | null;
}

/** The deliveries among a batch's results: the rows of its statements that return `id, due_at`. */
export const deliveriesIn = (...results: D1Result[]): PendingDelivery[] =>
  results
    .flatMap((r) => (r.results as Partial<PendingDelivery>[]).filter((x) => x.due_at !== undefined && x.id))
    .map((x) => ({ id: x.id!, due_at: x.due_at ?? null }));

/** SQL: webhook `w` asked for `event` (a constant of shared/webhooks.ts, never input). */
export const subscribed = (w: string, event: WebhookEvent) =>
  `EXISTS (SELECT 1 FROM json_each(${w}.events) j WHERE j.value = '${event}')`;

export interface ErasureEvent {
  /** The erasure's own id, `erasure:…` (the deliveries' `response_id`: never a response's id). */
  id: string;
  siteId: string;
  at: string;
  reason: ErasureReason;
}

/**
 * One response.erased per subscribed webhook, listing the ids `ids` selects (a SELECT of a column `id`
 * with parameters from ?5 on, `params`): run it just before the DELETE that takes the same rows. Nothing
 * when nothing matches.
 */
export const erasedEventStatement = (db: D1Queries, e: ErasureEvent, ids: string, params: unknown[]) =>
  db
    .prepare(
      `INSERT INTO alert_deliveries (id, site_id, webhook_id, response_id, status, created_at, updated_at, due_at,
         event, payload)
       SELECT ?1 || ':' || w.id, ?2, w.id, ?1, 'pending', ?3, ?3, ?3, 'response.erased',
         json_object('reason', ?4, 'responses', json((SELECT json_group_array(id) FROM (${ids}))))
       FROM webhooks w
       WHERE w.site_id = ?2 AND w.active = 1 AND ${subscribed("w", "response.erased")} AND EXISTS (${ids})
       ON CONFLICT (id) DO NOTHING
       RETURNING id, due_at`,
    )
    .bind(e.id, e.siteId, e.at, e.reason, ...params);

/**
 * One follow_up.changed per subscribed webhook when the status or the note of response `responseId`
 * differs from what is stored (run it just before the update): the same change again makes none.
 * `note` null keeps the stored note. The event carries the status and note of that moment.
 */
export const followUpEventStatement = (
  db: D1Queries,
  change: { id: string; siteId: string; responseId: string; status: string; note: string | null; at: string },
) =>
  db
    .prepare(
      `INSERT INTO alert_deliveries (id, site_id, webhook_id, response_id, status, created_at, updated_at, due_at,
         event, payload)
       SELECT ?1 || ':' || w.id, r.site_id, w.id, r.id, 'pending', ?5, ?5, ?5, 'follow_up.changed',
         json_object('status', ?4, 'previousStatus', r.status, 'note', COALESCE(?6, r.note), 'changedAt', ?5)
       FROM responses r JOIN webhooks w ON w.site_id = r.site_id AND w.active = 1
       WHERE r.site_id = ?2 AND r.id = ?3 AND (r.status IS NOT ?4 OR (?6 IS NOT NULL AND r.note IS NOT ?6))
         AND ${subscribed("w", "follow_up.changed")}
       ON CONFLICT (id) DO NOTHING
       RETURNING id, due_at`,
    )
    .bind(change.id, change.siteId, change.responseId, change.status, change.at, change.note);

/**
 * The response.created and response.completed deliveries that this very write made (the triggers of
 * migration 0013): those of each response still under its write's token, made at its write's time.
 */
export const writtenEventsStatement = (db: D1Database, writes: { id: string; token: string; at: string }[]) =>
  db
    .prepare(
      `SELECT d.id AS id, d.due_at AS due_at
       FROM json_each(?1) v JOIN alert_deliveries d ON d.response_id = v.value->>'id'
       WHERE d.event IN ('response.created', 'response.completed') AND d.status = 'pending' AND d.attempts = 0
         AND d.created_at = v.value->>'at'
         AND EXISTS (SELECT 1 FROM responses r WHERE r.id = v.value->>'id' AND r.write_token = v.value->>'token')`,
    )
    .bind(JSON.stringify(writes));
