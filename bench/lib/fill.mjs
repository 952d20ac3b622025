/**
 * Fills one site through Miniflare's D1 with recursive-CTE `INSERT … SELECT` statements, as the
 * collector would have written it over a year: four answers per response (NPS, CSAT, a choice, a
 * text), the questions its path reached, one response in ten by email (the rest by the widget), a
 * product in the shop context, and the survey's "shown / declined / dismissed" events per day. The
 * triggers keep every daily table (scores, responses, funnel, options) exactly as real writes do.
 */
export const YEAR = { from: "2025-11-01", to: "2026-10-31" };
export const ANSWERS_PER_RESPONSE = 4; // nps, csat, pick, why
const CHUNK = 20_000; // responses per INSERT … SELECT
/** The text answers the list's search finds: one response in this many. */
export const NEEDLE_EVERY = 1000;
const OPTIONS = ["friend", "search", "ad"];

const seq = "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)";
const day = `date('${YEAR.from}', '+' || (i % 365) || ' days')`;
/** Ids unique across the sites of one database: the site's tag and the response's number. */
const id = (tag) => `printf('${tag}%016d', i)`;

/** Adds responses [start, end) to `site` (its survey `survey`, ids tagged `tag`). */
export async function fill(db, { site, survey, tag }, start, end) {
  for (let a = start; a < end; a += CHUNK) {
    const b = Math.min(end, a + CHUNK) - 1;
    await db.batch([
      db
        .prepare(`${seq}
        INSERT INTO responses (id, site_id, survey_id, version, body_hash, respondent_hash, locale, page, device,
          channel, context, consent_policy, consent_at, created_at, updated_at, day, complete, reached, nps_min,
          unhappy)
        SELECT ${id(tag)}, ?3, ?4, 1, 'bench', printf('respondent%d', i), 'en',
          'https://shop.bench.example/checkout/thank-you', 'desktop',
          CASE WHEN i % 10 = 0 THEN 'email' ELSE 'widget' END,
          json_object('productId', 'sku-' || (i % 50)), '2026-11-01', ${day} || 'T12:00:00.000Z',
          ${day} || 'T12:00:00.000Z', ${day} || 'T12:00:00.000Z', ${day}, 1, '["nps","csat","pick","why"]',
          (i * 7) % 11, (i * 7) % 11 <= 6 FROM n`)
        .bind(a, b, site, survey),
      db
        .prepare(`${seq}
        INSERT INTO answers (response_id, question_id, site_id, survey_id, day, channel, type, score, value)
        SELECT ${id(tag)}, q.id, ?3, ?4, ${day}, CASE WHEN i % 10 = 0 THEN 'email' ELSE 'widget' END, q.type,
          CASE q.id WHEN 'nps' THEN (i * 7) % 11 WHEN 'csat' THEN 1 + (i * 3) % 5 END,
          CASE q.id WHEN 'nps' THEN CAST((i * 7) % 11 AS TEXT) WHEN 'csat' THEN CAST(1 + (i * 3) % 5 AS TEXT)
            WHEN 'pick' THEN json_quote(CASE i % 3 WHEN 0 THEN '${OPTIONS[0]}' WHEN 1 THEN '${OPTIONS[1]}'
              ELSE '${OPTIONS[2]}' END)
            ELSE json_quote(
              CASE WHEN i % ${NEEDLE_EVERY} = 0 THEN 'found a needle in the parcel' ELSE 'fast delivery' END)
          END
        FROM n, (SELECT 'nps' AS id, 'nps' AS type UNION ALL SELECT 'csat', 'csat' UNION ALL SELECT 'pick', 'choice'
          UNION ALL SELECT 'why', 'text') AS q`)
        .bind(a, b, site, survey),
      db
        .prepare(`${seq}
        INSERT INTO response_context (response_id, site_id, key, value, day)
        SELECT ${id(tag)}, ?3, 'productId', 'sku-' || (i % 50), ${day} FROM n`)
        .bind(a, b, site),
    ]);
  }
}

/** The survey's funnel events of every day of the year (anonymous counters, as POST /v1/events keeps them). */
export async function fillEvents(db, { site, survey }, perDay) {
  await db
    .prepare(`WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < 364)
      INSERT INTO daily_events (site_id, survey_id, day, channel, event, count)
      SELECT ?1, ?2, date('${YEAR.from}', '+' || k || ' days'), 'widget', e.event, e.share * ?3
      FROM d, (SELECT 'shown' AS event, 4 AS share UNION ALL SELECT 'declined', 2 UNION ALL SELECT 'dismissed', 1) e
      WHERE true
      ON CONFLICT (site_id, day, survey_id, channel, event) DO UPDATE SET count = count + excluded.count`)
    .bind(site, survey, Math.max(1, Math.round(perDay)))
    .run();
}
