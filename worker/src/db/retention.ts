/** SQL of the retention purge: mark a bounded chunk expired, then delete it (aggregates keep its weight). */
export const sitesWithExpired = async (db: D1Database, now: string) =>
  (
    await db
      .prepare(
        `SELECT s.id, s.retention_days FROM sites s
     WHERE EXISTS (SELECT 1 FROM responses r WHERE r.site_id = s.id
                   AND r.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?1, '-' || s.retention_days || ' days'))
     ORDER BY s.id`,
      )
      .bind(now)
      .all<{ id: string; retention_days: number }>()
  ).results;

/** Deletes up to `limit` responses of a site created before `cutoff`; returns how many. */
export async function purgeChunk(db: D1Database, siteId: string, cutoff: string, limit: number): Promise<number> {
  const [marked] = await db.batch([
    db
      .prepare(
        `UPDATE responses SET expired = 1 WHERE id IN (
         SELECT id FROM responses WHERE site_id = ?1 AND created_at < ?2 ORDER BY created_at LIMIT ?3)
       RETURNING id`,
      )
      .bind(siteId, cutoff, limit),
    db.prepare("DELETE FROM responses WHERE site_id = ?1 AND expired = 1").bind(siteId),
  ]);
  return marked!.results.length;
}
