/**
 * Reads of the unfiltered summary: only the per-day aggregates the triggers keep (a year is at
 * most 366 rows per question and channel, whatever the number of answers), all in one batch.
 * Filtered summaries (context, locale, page) read raw responses: filtered-aggregates.ts.
 */

import type { D1Queries } from "../lib/d1-session";

/** Histogram rows per day and scored type; `h` is indexed by score value (0..10). */
export interface DayTypeHistogram {
  day: string;
  type: "nps" | "csat" | "ces" | "thumbs";
  h: number[];
}

/** Everything a summary is computed from. */
export interface SummaryData {
  histograms: DayTypeHistogram[];
  responses: { day: string; count: number; completed: number }[];
  /** Per question: responses whose path showed it, and answers to it. */
  questions: { survey: string; question: string; reached: number; answered: number }[];
  /** Per option of a choice or multi question: answers that chose it. */
  options: { survey: string; question: string; option: string; count: number }[];
  /** Funnel events; null where a filter is set that anonymous events do not carry. */
  events: { event: string; count: number }[] | null;
  /** Per channel: responses, complete ones, and the histogram of NPS answers (`h`, by score 0..10). */
  channels: ChannelCounts[];
}

export interface ChannelCounts {
  channel: string;
  count: number;
  completed: number;
  h: number[];
}

/** Merges per-channel response counts and per-channel NPS histograms (a channel may have either alone). */
export function channelCounts(
  counts: { channel: string; count: number; completed: number }[],
  histograms: ({ channel: string } & Record<`h${number}`, number>)[],
): ChannelCounts[] {
  const byChannel = new Map<string, ChannelCounts>();
  const entry = (channel: string) => {
    const e = byChannel.get(channel) ?? { channel, count: 0, completed: 0, h: new Array<number>(11).fill(0) };
    byChannel.set(channel, e);
    return e;
  };
  for (const c of counts) Object.assign(entry(c.channel), { count: Number(c.count), completed: Number(c.completed) });
  for (const r of histograms) entry(r.channel).h = HISTOGRAM_COLUMNS.map((h) => Number(r[h as `h${number}`] ?? 0));
  return [...byChannel.values()];
}

export interface AggregateFilter {
  siteId: string;
  from: string;
  to: string;
  survey?: string | undefined;
  channel?: string | undefined;
}

export const HISTOGRAM_COLUMNS = Array.from({ length: 11 }, (_, i) => `h${i}`);
const H = HISTOGRAM_COLUMNS.map((h) => `SUM(${h}) AS ${h}`).join(", ");

export type HRow = { day: string; type: DayTypeHistogram["type"] } & Record<`h${number}`, number>;
export const toHist = (r: HRow): DayTypeHistogram => ({
  day: r.day,
  type: r.type,
  h: HISTOGRAM_COLUMNS.map((h) => Number(r[h as `h${number}`] ?? 0)),
});

/** The WHERE of every aggregate read: ?1 site, ?2 from, ?3 to, ?4 survey (or null), ?5 channel (or null). */
const WHERE = `site_id = ?1 AND day >= ?2 AND day <= ?3 AND (?4 IS NULL OR survey_id = ?4)
   AND (?5 IS NULL OR channel = ?5)`;

/** The statements of the unfiltered summary, by what they read (also EXPLAINed by a test and the benchmark). */
export const AGGREGATE_SQL = {
  histograms: `SELECT day, type, ${H} FROM daily_aggregates WHERE ${WHERE} GROUP BY day, type ORDER BY day`,
  responses: `SELECT day, SUM(count) AS count, SUM(completed) AS completed FROM daily_responses
   WHERE ${WHERE} GROUP BY day ORDER BY day`,
  questions: `SELECT survey_id AS survey, question_id AS question, SUM(reached) AS reached, SUM(answered) AS answered
   FROM daily_questions WHERE ${WHERE} GROUP BY survey_id, question_id`,
  options: `SELECT survey_id AS survey, question_id AS question, option_id AS option, SUM(count) AS count
   FROM daily_options WHERE ${WHERE} GROUP BY survey_id, question_id, option_id`,
  events: `SELECT event, SUM(count) AS count FROM daily_events WHERE ${WHERE} GROUP BY event`,
  channels: `SELECT channel, SUM(count) AS count, SUM(completed) AS completed FROM daily_responses
   WHERE ${WHERE} GROUP BY channel`,
  channelNps: `SELECT channel, ${H} FROM daily_aggregates WHERE ${WHERE} AND type = 'nps' GROUP BY channel`,
} as const;

const num = <T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, keys.includes(k) ? Number(v) : v])) as T);

const paramsOf = (f: AggregateFilter) => [f.siteId, f.from, f.to, f.survey ?? null, f.channel ?? null];

export async function aggregateSummaryData(db: D1Queries, f: AggregateFilter): Promise<SummaryData> {
  const params = paramsOf(f);
  const [hist, responses, questions, options, events, channels, channelNps] = await db.batch([
    db.prepare(AGGREGATE_SQL.histograms).bind(...params),
    db.prepare(AGGREGATE_SQL.responses).bind(...params),
    db.prepare(AGGREGATE_SQL.questions).bind(...params),
    db.prepare(AGGREGATE_SQL.options).bind(...params),
    db.prepare(AGGREGATE_SQL.events).bind(...params),
    db.prepare(AGGREGATE_SQL.channels).bind(...params),
    db.prepare(AGGREGATE_SQL.channelNps).bind(...params),
  ]);
  return {
    histograms: (hist!.results as HRow[]).map(toHist),
    responses: num(responses!.results as SummaryData["responses"], ["count", "completed"]),
    questions: num(questions!.results as SummaryData["questions"], ["reached", "answered"]),
    options: num(options!.results as SummaryData["options"], ["count"]),
    events: num(events!.results as NonNullable<SummaryData["events"]>, ["count"]),
    channels: channelCounts(
      channels!.results as { channel: string; count: number; completed: number }[],
      channelNps!.results as ({ channel: string } & Record<`h${number}`, number>)[],
    ),
  };
}

/** Responses stored per day (an upper bound of any filter's): how owner views split a scan into windows. */
export const responsesPerDay = async (db: D1Queries, f: AggregateFilter) =>
  num(
    (
      await db
        .prepare(AGGREGATE_SQL.responses)
        .bind(...paramsOf(f))
        .all<SummaryData["responses"][number]>()
    ).results,
    ["count", "completed"],
  );
