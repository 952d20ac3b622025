/**
 * The summary endpoint: NPS, CSAT, CES and a trend, computed with shared/scoring.ts from
 * per-day histograms, each with its 95% interval (shared/stats.ts). Without a response-level
 * filter the histograms come from the daily aggregates only (no scan of answers, whatever the volume);
 * with one, from the raw answers read window by window within a time budget (filtered-reads.ts).
 */
import { SCORE_RANGE } from "../../../shared/constants";
import { cesFromDistribution, csatFromDistribution, npsFromDistribution } from "../../../shared/scoring";
import { compareNps } from "../../../shared/stats";
import type { Breakdown, BreakdownRow, Summary, SummaryQuery, TrendPoint } from "../../../shared/types";
import { aggregateSummaryData, type DayTypeHistogram } from "../db/aggregates";
import { versionsOfSite } from "../db/surveys";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import type { D1Queries } from "../lib/d1-session";
import { addDays, today } from "../lib/time";
import { OWNER_SCAN, type ScanLimits } from "./bounded-scan";
import { channelShares } from "./channel-split";
import { breakdownData, type Coverage, filteredSummary } from "./filtered-reads";
import { mergeVersions, questionResults } from "./question-results";

export const DEFAULT_RANGE_DAYS = 30;

export function resolveRange(from?: string, to?: string): { from: string; to: string } {
  const end = to ?? today();
  const start = from ?? addDays(end, -(DEFAULT_RANGE_DAYS - 1));
  if (start > end) throw new ApiError("invalid_body", "from: must not be after to");
  if (Date.parse(end) - Date.parse(start) > 3 * 366 * 86_400_000)
    throw new ApiError("invalid_body", "from: range is limited to 3 years");
  return { from: start, to: end };
}

/** First day of the period that holds `day` (weeks start on Monday, ISO 8601). */
export function periodOf(day: string, interval: "day" | "week" | "month"): string {
  if (interval === "day") return day;
  if (interval === "month") return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The scales the scores are made of (thumbs are summed apart, in question-results.ts). */
type Scale = "nps" | "csat" | "ces";
const isScale = <H extends DayTypeHistogram>(h: H): h is H & { type: Scale } => h.type !== "thumbs";

/** The histogram of a scale's own values (h is indexed by score, 0..10). */
const slice = (h: number[], type: Scale) => {
  const [lo, hi] = SCORE_RANGE[type];
  return h.slice(lo, hi + 1);
};

const addInto = (target: number[], source: number[]) => {
  source.forEach((n, i) => {
    target[i] = (target[i] ?? 0) + n;
  });
};

/** The scores and trend of a summary (the results per question are added by question-results.ts). */
export type Scores = Omit<Summary, "completed" | "thumbs" | "questions" | "funnel" | "channels">;

/** Totals and trend from per-day histogram rows and per-day response counts. */
export function buildSummary(
  meta: { site: string; survey: string | null; from: string; to: string; interval: "day" | "week" | "month" },
  histograms: DayTypeHistogram[],
  responses: { day: string; count: number }[],
): Scores {
  const totals = {
    nps: new Array<number>(11).fill(0),
    csat: new Array<number>(5).fill(0),
    ces: new Array<number>(7).fill(0),
  };
  const periods = new Map<string, { responses: number; nps: number[]; csat: number[] }>();
  const periodEntry = (day: string) => {
    const key = periodOf(day, meta.interval);
    let p = periods.get(key);
    if (!p) {
      p = { responses: 0, nps: new Array<number>(11).fill(0), csat: new Array<number>(5).fill(0) };
      periods.set(key, p);
    }
    return p;
  };
  for (const row of histograms.filter(isScale)) {
    const dist = slice(row.h, row.type);
    addInto(totals[row.type], dist);
    if (row.type !== "ces") addInto(periodEntry(row.day)[row.type], dist);
  }
  let count = 0;
  for (const r of responses) {
    count += r.count;
    periodEntry(r.day).responses += r.count;
  }
  const trend: TrendPoint[] = [...periods.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, p]) => {
      const nps = npsFromDistribution(p.nps);
      return {
        period,
        responses: p.responses,
        nps: nps.score,
        npsLow: nps.interval?.low ?? null,
        npsHigh: nps.interval?.high ?? null,
        csat: csatFromDistribution(p.csat).score,
      };
    });
  return {
    site: meta.site,
    survey: meta.survey,
    from: meta.from,
    to: meta.to,
    responses: count,
    nps: npsFromDistribution(totals.nps),
    csat: csatFromDistribution(totals.csat),
    ces: cesFromDistribution(totals.ces),
    trend,
  };
}

export async function summarize(
  db: D1Queries,
  siteId: string,
  q: SummaryQuery,
  limits: ScanLimits = OWNER_SCAN,
): Promise<Summary> {
  const { from, to } = resolveRange(q.from, q.to);
  const needsResponses = q.context || q.locale || q.page;
  const [data, versions] = await Promise.all([
    needsResponses
      ? filteredSummary(db, { siteId, ...q, from, to }, limits)
      : withD1Retry(() => aggregateSummaryData(db, { siteId, from, to, survey: q.survey, channel: q.channel })),
    withD1Retry(() => versionsOfSite(db, siteId, q.survey)),
  ]);
  const summary = buildSummary(
    { site: siteId, survey: q.survey ?? null, from, to, interval: q.interval },
    data.histograms,
    data.responses,
  );
  const results = questionResults(data, mergeVersions(versions));
  const { partial, coveredFrom } = data as Coverage;
  const covered = partial ? { partial, coveredFrom: coveredFrom! } : {};
  return {
    ...summary,
    ...results,
    channels: channelShares(data.channels),
    ...(q.context ? { context: q.context } : {}),
    ...covered,
  };
}

/**
 * Satisfaction per value of a context key (e.g. per product), each with its intervals and its
 * NPS compared with that of all the other values of the key together ("this product vs the rest").
 */
export async function breakdown(
  db: D1Queries,
  siteId: string,
  key: string,
  q: Pick<SummaryQuery, "from" | "to" | "survey" | "locale" | "page" | "channel">,
  limits: ScanLimits = OWNER_SCAN,
): Promise<Breakdown> {
  const { from, to } = resolveRange(q.from, q.to);
  const data = await breakdownData(
    db,
    { siteId, from, to, survey: q.survey, locale: q.locale, page: q.page, channel: q.channel },
    key,
    limits,
  );
  // Histograms of every value, including those past the 100 listed, so that "the rest" is all of them.
  const byValue = new Map<string, Record<Scale, number[]>>();
  const allNps = new Array<number>(11).fill(0);
  for (const h of data.histograms.filter(isScale)) {
    const dist = slice(h.h, h.type);
    const own = byValue.get(h.value) ?? { nps: [], csat: [], ces: [] };
    byValue.set(h.value, own);
    addInto(own[h.type], dist);
    if (h.type === "nps") addInto(allNps, dist);
  }
  const all = npsFromDistribution(allNps);
  const rows = data.counts.map(({ value, count }): BreakdownRow => {
    const own = byValue.get(value);
    const n = npsFromDistribution(own?.nps ?? []);
    const c = csatFromDistribution(own?.csat ?? []);
    const e = cesFromDistribution(own?.ces ?? []);
    const rest = {
      promoters: all.promoters - n.promoters,
      detractors: all.detractors - n.detractors,
      count: all.count - n.count,
    };
    return {
      value,
      responses: count,
      nps: {
        score: n.score,
        count: n.count,
        marginOfError: n.marginOfError,
        interval: n.interval,
        promoters: n.promoters,
        detractors: n.detractors,
        vsRest: compareNps(n, rest),
      },
      csat: { score: c.score, interval: c.interval, average: c.average, count: c.count },
      ces: { average: e.average, interval: e.interval, count: e.count },
    };
  });
  const covered = data.partial ? { partial: true as const, coveredFrom: data.coveredFrom! } : {};
  return { site: siteId, key, from, to, rows, ...covered };
}
