/** SQL of a customer's erasure by a context value and its record (listed with the consent records: db/consents.ts). */
import { contextSubject, fenceStatement } from "./ingest-drops";
import { erasedEventStatement } from "./webhook-events";

/**
 * Deletes up to `limit` responses whose context has `key = value` (their triggers delete answers and
 * context, take their weight out of the aggregates and cancel pending alerts), and adds the count to
 * the erasure's record, in one transaction, after setting its fence (an answer with that value accepted
 * before now and still waiting in the ingest queue is never written), with a response.erased of those
 * ids for the webhooks that asked for it (`eventId`: this chunk's own). The second result lists the
 * events, the third the deleted ids. Both take the same rows: the first ids of the value, by id.
 */
export const eraseChunk = (
  db: D1Database,
  e: { id: string; siteId: string; key: string; value: string; at: string },
  eventId: string,
  limit: number,
) =>
  db.batch([
    fenceStatement(db, e.siteId, contextSubject(e.key, e.value), e.at),
    erasedEventStatement(
      db,
      { id: eventId, siteId: e.siteId, at: e.at, reason: "request" },
      `SELECT response_id AS id FROM response_context WHERE site_id = ?2 AND key = ?5 AND value = ?6
       ORDER BY response_id LIMIT ?7`,
      [e.key, e.value, limit],
    ),
    db
      .prepare(
        `DELETE FROM responses WHERE site_id = ?1 AND id IN (
           SELECT response_id FROM response_context WHERE site_id = ?1 AND key = ?2 AND value = ?3
           ORDER BY response_id LIMIT ?4)
         RETURNING id`,
      )
      .bind(e.siteId, e.key, e.value, limit),
    db
      .prepare(
        `INSERT INTO context_erasures (id, site_id, context_key, context_value, erased_at, deleted)
         VALUES (?1, ?2, ?3, ?4, ?5, changes())
         ON CONFLICT (id) DO UPDATE SET deleted = deleted + excluded.deleted`,
      )
      .bind(e.id, e.siteId, e.key, e.value, e.at),
  ]);
