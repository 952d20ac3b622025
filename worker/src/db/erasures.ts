/** SQL of a customer's erasure by a context value and its record (listed with the consent records: db/consents.ts). */
import { contextSubject, fenceStatement } from "./ingest-drops";

/**
 * Deletes up to `limit` responses whose context has `key = value` (their triggers delete answers and
 * context, take their weight out of the aggregates and cancel pending alerts), and adds the count to
 * the erasure's record, in one transaction, after setting its fence (an answer with that value accepted
 * before now and still waiting in the ingest queue is never written). The second result lists the
 * deleted ids.
 */
export const eraseChunk = (
  db: D1Database,
  e: { id: string; siteId: string; key: string; value: string; at: string },
  limit: number,
) =>
  db.batch([
    fenceStatement(db, e.siteId, contextSubject(e.key, e.value), e.at),
    db
      .prepare(
        `DELETE FROM responses WHERE site_id = ?1 AND id IN (
           SELECT response_id FROM response_context WHERE site_id = ?1 AND key = ?2 AND value = ?3 LIMIT ?4)
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
