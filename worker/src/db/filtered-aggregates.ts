/**
 * The summary's figures computed from the matching raw responses, for filters the daily aggregates
 * lack (shop context, language, page), and the per-context breakdown. These read answers through
 * indexes, so they cover only what retention still keeps. Each call reads one range of days: the
 * services read a long range window by window (bounded-scan.ts), so no single query stalls D1.
 */
import type { D1Queries } from "../lib/d1-session";
import {
  channelCounts,
  type DayTypeHistogram,
  HISTOGRAM_COLUMNS,
  type HRow,
  type SummaryData,
  toHist,
} from "./aggregates";
import { costOf } from "./cost";
import { type ResponseFilter, responseWhere, unindexed } from "./responses";

const H_OF_SCORES = HISTOGRAM_COLUMNS.map((h, i) => `SUM(a.score = ${i}) AS ${h}`).join(", ");

export async function filteredSummaryData(db: D1Queries, f: ResponseFilter & { from: string; to: string }) {
  const params: unknown[] = [];
  const where = responseWhere(f, params);
  const results = await db.batch(
    [
      `SELECT r.day AS day, a.type AS type, ${H_OF_SCORES}
       FROM responses r JOIN answers a ON a.response_id = r.id
       WHERE ${where} AND a.score IS NOT NULL GROUP BY r.day, a.type ORDER BY r.day`,
      `SELECT r.day AS day, COUNT(*) AS count, SUM(r.complete) AS completed FROM responses r
       WHERE ${where} GROUP BY r.day ORDER BY r.day`,
      `SELECT a.survey_id AS survey, a.question_id AS question, COUNT(*) AS answered
       FROM responses r JOIN answers a ON a.response_id = r.id WHERE ${where} GROUP BY a.survey_id, a.question_id`,
      `SELECT r.survey_id AS survey, q.value AS question, COUNT(*) AS reached
       FROM responses r, json_each(COALESCE(r.reached, '[]')) q WHERE ${where}
       GROUP BY ${unindexed("r.survey_id")}, q.value`,
      `SELECT a.survey_id AS survey, a.question_id AS question, o.value AS option, COUNT(*) AS count
       FROM responses r JOIN answers a ON a.response_id = r.id,
         json_each(CASE a.type WHEN 'multi' THEN a.value ELSE json_array(json_extract(a.value, '$')) END) o
       WHERE ${where} AND a.type IN ('choice', 'multi') GROUP BY a.survey_id, a.question_id, o.value`,
      `SELECT r.channel AS channel, COUNT(*) AS count, SUM(r.complete) AS completed FROM responses r
       WHERE ${where} GROUP BY ${unindexed("r.channel")}`,
      `SELECT r.channel AS channel, ${H_OF_SCORES} FROM responses r JOIN answers a ON a.response_id = r.id
       WHERE ${where} AND a.type = 'nps' GROUP BY ${unindexed("r.channel")}`,
    ].map((sql) => db.prepare(sql).bind(...params)),
  );
  const [hist, counts, answered, reached, options, channels, channelNps] = results;
  const key = (r: { survey: string; question: string }) => `${r.survey}\n${r.question}`;
  const perQuestion = new Map<string, SummaryData["questions"][number]>();
  for (const r of reached!.results as { survey: string; question: string; reached: number }[]) {
    perQuestion.set(key(r), { survey: r.survey, question: r.question, reached: Number(r.reached), answered: 0 });
  }
  for (const r of answered!.results as { survey: string; question: string; answered: number }[]) {
    const q = perQuestion.get(key(r)) ?? { survey: r.survey, question: r.question, reached: 0, answered: 0 };
    q.answered = Number(r.answered);
    perQuestion.set(key(r), q);
  }
  return {
    histograms: (hist!.results as HRow[]).map(toHist),
    responses: (counts!.results as SummaryData["responses"]).map((r) => ({
      day: r.day,
      count: Number(r.count),
      completed: Number(r.completed),
    })),
    questions: [...perQuestion.values()],
    options: (options!.results as SummaryData["options"]).map((r) => ({ ...r, count: Number(r.count) })),
    // Anonymous events carry no context, language or page: the funnel's first steps are unknown here.
    events: null,
    channels: channelCounts(
      channels!.results as { channel: string; count: number; completed: number }[],
      channelNps!.results as ({ channel: string } & Record<`h${number}`, number>)[],
    ),
    cost: costOf(results),
  } satisfies SummaryData & { cost: unknown };
}

export interface ContextHistogram extends DayTypeHistogram {
  value: string;
}

/** Histograms per value of one context key (satisfaction per product), plus response counts per value. */
export async function contextBreakdown(db: D1Queries, f: ResponseFilter & { from: string; to: string }, key: string) {
  const params: unknown[] = [];
  const where = responseWhere(f, params);
  params.push(key);
  const k = `?${params.length}`;
  const results = await db.batch([
    db
      .prepare(
        `SELECT rc.value AS value, a.type AS type, ${H_OF_SCORES}
         FROM response_context rc JOIN responses r ON r.id = rc.response_id JOIN answers a ON a.response_id = r.id
         WHERE rc.site_id = r.site_id AND rc.key = ${k} AND ${where} AND a.score IS NOT NULL
         GROUP BY rc.value, a.type`,
      )
      .bind(...params),
    db
      .prepare(
        `SELECT rc.value AS value, COUNT(*) AS count FROM response_context rc JOIN responses r ON r.id = rc.response_id
         WHERE rc.site_id = r.site_id AND rc.key = ${k} AND ${where} GROUP BY rc.value`,
      )
      .bind(...params),
  ]);
  const [hist, counts] = results;
  return {
    histograms: (hist!.results as (HRow & { value: string })[]).map(
      (r): ContextHistogram => ({
        value: r.value,
        ...toHist(r),
      }),
    ),
    counts: (counts!.results as { value: string; count: number }[]).map((r) => ({
      value: r.value,
      count: Number(r.count),
    })),
    cost: costOf(results),
  };
}
