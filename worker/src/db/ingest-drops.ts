/**
 * SQL of erasure fences and of accepted answers that were dropped (migration 0010).
 *
 * A fence is the latest erasure of a respondent or of a shop-context value: an answer of theirs whose
 * consent is not later than it is never written, wherever it was when the erasure came (in the ingest
 * queue, or in a request racing it).
 */

/** The fence subject of a respondent (the hash is already pseudonymous: no token is kept). */
export const respondentSubject = (respondentHash: string) => `respondent:${respondentHash}`;
/** The fence subject of a shop-context value (a customer's data request: `orderId` = `A-1042`). */
export const contextSubject = (key: string, value: string) => `context:${key}=${value}`;

/**
 * SQL true when the row `v` (a json_each value with site, respondent, context (JSON text) and
 * consentAt) may be written: no erasure of its respondent, nor of one of its context values, at or
 * after its consent. Each a primary-key lookup; used inside the multi-row inserts.
 */
export const NOT_FENCED = `NOT EXISTS (SELECT 1 FROM erasure_fences f WHERE f.site_id = v->>'site'
    AND f.subject = 'respondent:' || (v->>'respondent') AND f.erased_at >= v->>'consentAt')
  AND NOT EXISTS (SELECT 1 FROM json_each(v->>'context') c JOIN erasure_fences f
    ON f.site_id = v->>'site' AND f.subject = 'context:' || c.key || '=' || c.value
    WHERE f.erased_at >= v->>'consentAt')`;

/** Records an erasure of `subject` (the latest time counts); meant for the erasure's own batch. */
export const fenceStatement = (db: D1Database, siteId: string, subject: string, at: string) =>
  db
    .prepare(
      `INSERT INTO erasure_fences (site_id, subject, erased_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (site_id, subject) DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)`,
    )
    .bind(siteId, subject, at);

/** Fences older than `olderThan` guard nothing any more (no message waits that long in the queue). */
export const purgeFences = async (db: D1Database, olderThan: string): Promise<number> =>
  (await db.prepare("DELETE FROM erasure_fences WHERE erased_at < ?1").bind(olderThan).run()).meta.changes ?? 0;

export type DropReason = "id_reused" | "withdrawn" | "erased";

export interface Drop {
  siteId: string;
  responseId: string;
  reason: DropReason;
  /** When it was dropped (ISO); its day is the one counted. */
  at: string;
}

/** Records drops in one statement; the same response and reason again (a redelivery) counts once. */
export const recordDrops = (db: D1Database, drops: Drop[]) =>
  db
    .prepare(
      `INSERT INTO ingest_drops (site_id, response_id, reason, day, at)
       SELECT v->>'site', v->>'id', v->>'reason', substr(v->>'at', 1, 10), v->>'at'
       FROM (SELECT value AS v FROM json_each(?1))
       WHERE EXISTS (SELECT 1 FROM sites WHERE id = v->>'site')
       ON CONFLICT (site_id, response_id, reason) DO NOTHING`,
    )
    .bind(JSON.stringify(drops.map((d) => ({ site: d.siteId, id: d.responseId, reason: d.reason, at: d.at }))))
    .run();

/** Drops per day and reason on days `from`..`to` (an index range: drops are rare). */
export const dropsPerDay = async (
  db: Pick<D1Database, "prepare">,
  siteId: string,
  range: { from: string; to: string },
) =>
  (
    await db
      .prepare(
        `SELECT day, reason, COUNT(*) AS count FROM ingest_drops WHERE site_id = ?1 AND day >= ?2 AND day <= ?3
         GROUP BY day, reason ORDER BY day`,
      )
      .bind(siteId, range.from, range.to)
      .all<{ day: string; reason: DropReason; count: number }>()
  ).results;
