/** SQL of the anonymous funnel events: one counter per site, survey, day, channel and event. */
export const countEvent = (
  db: D1Database,
  e: { siteId: string; surveyId: string; day: string; channel: string; event: string },
) =>
  db
    .prepare(
      `INSERT INTO daily_events (site_id, survey_id, day, channel, event, count) VALUES (?1, ?2, ?3, ?4, ?5, 1)
       ON CONFLICT (site_id, day, survey_id, channel, event) DO UPDATE SET count = count + 1`,
    )
    .bind(e.siteId, e.surveyId, e.day, e.channel, e.event)
    .run();
