/** SQL of the anonymous funnel events: one counter per site, survey, day, channel and event. */
export interface EventCount {
  siteId: string;
  surveyId: string;
  day: string;
  channel: string;
  event: string;
  /** How many to add. */
  n: number;
}

/** Adds the counts in one round trip (one upsert per counter). */
export const countEvents = (db: D1Database, counts: EventCount[]) =>
  db.batch(
    counts.map((e) =>
      db
        .prepare(
          `INSERT INTO daily_events (site_id, survey_id, day, channel, event, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
           ON CONFLICT (site_id, day, survey_id, channel, event) DO UPDATE SET count = count + excluded.count`,
        )
        .bind(e.siteId, e.surveyId, e.day, e.channel, e.event, e.n),
    ),
  );
