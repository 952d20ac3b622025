/**
 * Raw reads of a cross-tab: how the options of one choice or multi question were chosen, split by
 * the respondent's lowest NPS answer or by a shop-context value. Over stored answers (retention
 * applies); bounded by the date range and one question.
 */
import type { D1Queries } from "../lib/d1-session";
import { costOf } from "./cost";
import { type ResponseFilter, responseWhere } from "./responses";

const OPTIONS_OF_ANSWER =
  "json_each(CASE a.type WHEN 'multi' THEN a.value ELSE json_array(json_extract(a.value, '$')) END) o";

/** Per option and lowest NPS of the response (null: no NPS answer): answers choosing it. */
export async function optionsByNps(db: D1Queries, f: ResponseFilter & { from: string; to: string }, question: string) {
  const params: unknown[] = [];
  const where = responseWhere(f, params);
  params.push(question);
  const results = await db.batch([
    db
      .prepare(
        `SELECT o.value AS option, r.nps_min AS nps, COUNT(*) AS count
         FROM responses r
         JOIN answers a ON a.response_id = r.id AND a.question_id = ?${params.length}, ${OPTIONS_OF_ANSWER}
         WHERE ${where} GROUP BY o.value, r.nps_min`,
      )
      .bind(...params),
    db
      .prepare(
        `SELECT r.nps_min AS nps, COUNT(*) AS count FROM responses r
         JOIN answers a ON a.response_id = r.id AND a.question_id = ?${params.length}
         WHERE ${where} GROUP BY r.nps_min`,
      )
      .bind(...params),
  ]);
  const [byOption, byColumn] = results;
  return {
    cells: byOption!.results as { option: string; nps: number | null; count: number }[],
    totals: byColumn!.results as { nps: number | null; count: number }[],
    cost: costOf(results),
  };
}

/** Per option and value of a context key: answers choosing it, and answers per value. */
export async function optionsByContext(
  db: D1Queries,
  f: ResponseFilter & { from: string; to: string },
  question: string,
  key: string,
) {
  const params: unknown[] = [];
  const where = responseWhere(f, params);
  params.push(question, key);
  const q = `?${params.length - 1}`;
  const k = `?${params.length}`;
  const results = await db.batch([
    db
      .prepare(
        `SELECT rc.value AS value, COUNT(*) AS count FROM responses r
         JOIN answers a ON a.response_id = r.id AND a.question_id = ${q}
         JOIN response_context rc ON rc.response_id = r.id AND rc.key = ${k}
         WHERE ${where} GROUP BY rc.value`,
      )
      .bind(...params),
    db
      .prepare(
        `SELECT o.value AS option, rc.value AS value, COUNT(*) AS count
         FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_id = ${q}
         JOIN response_context rc ON rc.response_id = r.id AND rc.key = ${k}, ${OPTIONS_OF_ANSWER}
         WHERE ${where} GROUP BY o.value, rc.value`,
      )
      .bind(...params),
  ]);
  const [totals, cells] = results;
  return {
    cells: cells!.results as { option: string; value: string; count: number }[],
    totals: totals!.results as { value: string; count: number }[],
    cost: costOf(results),
  };
}
