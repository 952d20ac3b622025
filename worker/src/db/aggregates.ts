/**
 * Reads for the summary. Unfiltered summaries read only the per-day aggregates
 * (a year is at most 366 rows per question, whatever the number of answers);
 * filtered ones (context, locale, page) read the matching responses through indexes.
 */
import { type ResponseFilter, responseWhere } from "./responses";

/** Histogram rows per day and question type; `h` is indexed by score value (0..10). */
export interface DayTypeHistogram {
  day: string;
  type: "nps" | "csat" | "ces";
  h: number[];
}

export interface DayCount {
  day: string;
  count: number;
}

const H = Array.from({ length: 11 }, (_, i) => `SUM(h${i}) AS h${i}`).join(", ");

type HRow = { day: string; type: DayTypeHistogram["type"] } & Record<`h${number}`, number>;
const toHist = (r: HRow): DayTypeHistogram => ({
  day: r.day,
  type: r.type,
  h: Array.from({ length: 11 }, (_, i) => Number(r[`h${i}`] ?? 0)),
});

export const AGGREGATE_HISTOGRAM_SQL = (withSurvey: boolean) =>
  `SELECT day, type, ${H} FROM daily_aggregates
   WHERE site_id = ?1 AND day >= ?2 AND day <= ?3 ${withSurvey ? "AND survey_id = ?4" : ""}
   GROUP BY day, type ORDER BY day`;

export const AGGREGATE_RESPONSES_SQL = (withSurvey: boolean) =>
  `SELECT day, SUM(count) AS count FROM daily_responses
   WHERE site_id = ?1 AND day >= ?2 AND day <= ?3 ${withSurvey ? "AND survey_id = ?4" : ""}
   GROUP BY day ORDER BY day`;

export async function aggregateHistograms(db: D1Database, siteId: string, from: string, to: string, survey?: string) {
  const params = survey ? [siteId, from, to, survey] : [siteId, from, to];
  const [hist, counts] = await db.batch([
    db.prepare(AGGREGATE_HISTOGRAM_SQL(!!survey)).bind(...params),
    db.prepare(AGGREGATE_RESPONSES_SQL(!!survey)).bind(...params),
  ]);
  return {
    histograms: (hist!.results as HRow[]).map(toHist),
    responses: (counts!.results as DayCount[]).map((r) => ({ day: r.day, count: Number(r.count) })),
  };
}

/** The same figures computed from the matching responses (used when a filter the aggregates lack is set). */
export async function filteredHistograms(db: D1Database, f: ResponseFilter & { from: string; to: string }) {
  const params: unknown[] = [];
  const where = responseWhere(f, params);
  const [hist, counts] = await db.batch([
    db
      .prepare(
        `SELECT r.day AS day, a.type AS type, ${Array.from({ length: 11 }, (_, i) => `SUM(a.score = ${i}) AS h${i}`).join(", ")}
       FROM responses r JOIN answers a ON a.response_id = r.id
       WHERE ${where} AND a.score IS NOT NULL GROUP BY r.day, a.type ORDER BY r.day`,
      )
      .bind(...params),
    db
      .prepare(`SELECT r.day AS day, COUNT(*) AS count FROM responses r WHERE ${where} GROUP BY r.day ORDER BY r.day`)
      .bind(...params),
  ]);
  return {
    histograms: (hist!.results as HRow[]).map(toHist),
    responses: (counts!.results as DayCount[]).map((r) => ({ day: r.day, count: Number(r.count) })),
  };
}

export interface BreakdownRow {
  value: string;
  type: DayTypeHistogram["type"] | null;
  h: number[];
}

/** Histograms per value of one context key (satisfaction per product), plus response counts. */
export async function contextBreakdown(db: D1Database, f: ResponseFilter & { from: string; to: string }, key: string) {
  const params: unknown[] = [];
  const where = responseWhere(f, params);
  params.push(key);
  const k = `?${params.length}`;
  const [hist, counts] = await db.batch([
    db
      .prepare(
        `SELECT rc.value AS value, a.type AS type, ${Array.from({ length: 11 }, (_, i) => `SUM(a.score = ${i}) AS h${i}`).join(", ")}
       FROM response_context rc JOIN responses r ON r.id = rc.response_id JOIN answers a ON a.response_id = r.id
       WHERE rc.site_id = r.site_id AND rc.key = ${k} AND ${where} AND a.score IS NOT NULL
       GROUP BY rc.value, a.type`,
      )
      .bind(...params),
    db
      .prepare(
        `SELECT rc.value AS value, COUNT(*) AS count FROM response_context rc JOIN responses r ON r.id = rc.response_id
       WHERE rc.site_id = r.site_id AND rc.key = ${k} AND ${where} GROUP BY rc.value ORDER BY count DESC LIMIT 100`,
      )
      .bind(...params),
  ]);
  return {
    histograms: (hist!.results as (HRow & { value: string })[]).map((r) => ({ value: r.value, ...toHist(r) })),
    counts: (counts!.results as { value: string; count: number }[]).map((r) => ({
      value: r.value,
      count: Number(r.count),
    })),
  };
}
