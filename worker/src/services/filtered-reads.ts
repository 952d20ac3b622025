/**
 * The summary and the per-context breakdown under filters the daily aggregates lack, read window by
 * window (bounded-scan.ts) and added up: each window's figures are sums, so the whole is their sum.
 */
import type { DayTypeHistogram, SummaryData } from "../db/aggregates";
import { contextBreakdown, filteredSummaryData } from "../db/filtered-aggregates";
import type { ResponseFilter } from "../db/responses";
import { withD1Retry } from "../lib/d1-retry";
import type { D1Queries } from "../lib/d1-session";
import { coverage, type ScanLimits, scanWindows, windowsOf } from "./bounded-scan";

type Range = { from: string; to: string };
/** How much of the range a view read: nothing when all of it, else `partial` and the first day covered. */
export type Coverage = { partial?: true; coveredFrom?: string };

const sumBy = <T>(rows: T[], key: (r: T) => string, add: (into: T, r: T) => void): T[] => {
  const byKey = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = byKey.get(k);
    if (seen) add(seen, r);
    else byKey.set(k, { ...r });
  }
  return [...byKey.values()];
};

const addHistogram = (into: { h: number[] }, r: { h: number[] }) => {
  into.h = into.h.map((n, i) => n + (r.h[i] ?? 0));
};

/** The summary's data from the raw answers matching `f`, newest days first, within `limits`. */
export async function filteredSummary(
  db: D1Queries,
  f: ResponseFilter & Range,
  limits: ScanLimits,
): Promise<SummaryData & Coverage> {
  const windows = await windowsOf(db, f, limits);
  const parts: SummaryData[] = [];
  const read = await scanWindows(
    windows,
    async (w) => {
      const part = await withD1Retry(() => filteredSummaryData(db, { ...f, ...w }));
      parts.push(part);
      return { cost: part.cost };
    },
    limits,
  );
  const key = (r: { survey: string; question: string }) => `${r.survey}\n${r.question}`;
  return {
    // Windows are disjoint ranges of days: per-day rows are simply gathered, oldest first.
    histograms: parts.flatMap((p) => p.histograms).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
    responses: parts.flatMap((p) => p.responses).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
    questions: sumBy(
      parts.flatMap((p) => p.questions),
      key,
      (into, r) => {
        into.reached += r.reached;
        into.answered += r.answered;
      },
    ),
    options: sumBy(
      parts.flatMap((p) => p.options),
      (r) => `${key(r)}\n${r.option}`,
      (into, r) => {
        into.count += r.count;
      },
    ),
    events: null,
    channels: sumBy(
      parts.flatMap((p) => p.channels),
      (c) => c.channel,
      (into, c) => {
        into.count += c.count;
        into.completed += c.completed;
        addHistogram(into, c);
      },
    ),
    ...coverage(windows, read),
  };
}

/** Per-context-value histograms and response counts (the `limit` values with most responses). */
export async function breakdownData(
  db: D1Queries,
  f: ResponseFilter & Range,
  key: string,
  limits: ScanLimits,
  limit = 100,
): Promise<
  {
    histograms: (DayTypeHistogram & { value: string })[];
    counts: { value: string; count: number }[];
  } & Coverage
> {
  const windows = await windowsOf(db, f, limits);
  const histograms: (DayTypeHistogram & { value: string })[] = [];
  const counts: { value: string; count: number }[] = [];
  const read = await scanWindows(
    windows,
    async (w) => {
      const part = await withD1Retry(() => contextBreakdown(db, { ...f, ...w }, key));
      histograms.push(...part.histograms);
      counts.push(...part.counts);
      return { cost: part.cost };
    },
    limits,
  );
  const ranked = sumBy(
    counts,
    (c) => c.value,
    (into, c) => {
      into.count += c.count;
    },
  ).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return {
    histograms: sumBy(histograms, (h) => `${h.value}\n${h.type}`, addHistogram),
    counts: ranked.slice(0, limit),
    ...coverage(windows, read),
  };
}
