/**
 * Owner views that read raw answers (filters the daily aggregates lack, the per-context breakdown,
 * the cross-tab, a responses list with a sparse filter, the CSV export) read them in windows of
 * days, each window a few indexed queries over at most ~WINDOW responses, so no query holds D1
 * (one query at a time) for long. On the primary a scan pauses after each window (1 / SHARE − 1)
 * times the window's wall time (its queries, their wait behind others, its own work in the Worker),
 * so it takes at most SHARE of the time, and backs off further when submissions queue ahead of it.
 * A view stops after its time budget and says so (`partial`, with the days it covers), newest first.
 */
import type { AggregateFilter } from "../db/aggregates";
import { responsesPerDay } from "../db/aggregates";
import type { ReadCost } from "../db/cost";
import { contextResponsesPerDay, type ResponseFilter } from "../db/responses";
import { withD1Retry } from "../lib/d1-retry";
import type { D1Queries } from "../lib/d1-session";
import { writingLately } from "./write-activity";

export interface ScanLimits {
  /** Wall time after which a view answers with what it has read (at least one window is read). */
  budgetMs: number;
  /** Responses per window, as the daily counts tell (a day with more is a window of its own). */
  window: number;
  /** Share of the time a scan may take on the primary: it pauses (1 / share − 1) × each window's time. */
  share: number;
  /** The share while the isolate is writing submissions (write-activity.ts); `share` when not given. */
  busyShare?: number;
}

// A fifth (0.2) left ingestion 75–79% of its rate alone beside a reading dashboard, as the scan's own
// work in the Worker competes for the CPU too. At 0.15 the lowest view of a run still fell to 72–79% in
// most runs once ingestion itself had become cheaper. At 0.1 (with reads in a loop at 0.05, read-share.ts)
// the views' mean rose from about 85% to about 90% of ingestion alone in paired runs of both modes.
// At 0.05 they rose to about 95%, but an idle dashboard's views covered half the days and the export
// slowed from about 800 to 240 rows/s: the smaller share is taken only while the isolate is writing.
export const OWNER_SCAN: ScanLimits = { budgetMs: 3_000, window: 2_000, share: 0.1, busyShare: 0.05 };

export interface DayWindow {
  from: string;
  to: string;
}

/**
 * [from, to] cut into windows of consecutive days holding at most `size` responses each, in the
 * order asked for. Days without responses belong to a neighbouring window; no responses, no window.
 */
export function dayWindows(
  days: { day: string; count: number }[],
  range: DayWindow,
  size: number,
  order: "newest" | "oldest" = "newest",
): DayWindow[] {
  const inRange = days.filter((d) => d.day >= range.from && d.day <= range.to && d.count > 0);
  inRange.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  if (order === "newest") inRange.reverse();
  const windows: DayWindow[] = [];
  let open: { first: string; last: string; count: number } | null = null;
  for (const d of inRange) {
    if (open && open.count + d.count > size) {
      windows.push(spanOf(open.first, open.last));
      open = null;
    }
    if (open) {
      open.last = d.day;
      open.count += d.count;
    } else open = { first: d.day, last: d.day, count: d.count };
  }
  if (open) windows.push(spanOf(open.first, open.last));
  // Stretch the windows over the gaps between them, so that together they cover the whole range.
  return windows.map((w, i) => {
    const older = order === "newest" ? windows[i + 1] : windows[i - 1];
    const newer = order === "newest" ? windows[i - 1] : windows[i + 1];
    return {
      from: older ? w.from : range.from,
      to: newer ? dayBefore(newer.from) : range.to,
    };
  });
}

const spanOf = (a: string, b: string): DayWindow => (a <= b ? { from: a, to: b } : { from: b, to: a });

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Windows' worth of context-index entries a view counts to cut its windows by a context value's own days
 * (20,000 at the owner views' window, a few ms): a value held by fewer responses is read in fewer
 * windows, one for a customer's order whatever the range.
 */
const CONTEXT_DAYS_WINDOWS = 10;

/**
 * The windows of a filter's range, from the daily counts (an O(days) read of the aggregates), or from
 * the days of its context value (responseWhere searches by that value's ids within each window). A
 * value held more often is cut by the days of every response of the site: its ids are read within a
 * window whatever the survey or channel, so the filter's own (fewer) responses would not bound them.
 */
export async function windowsOf(
  db: D1Queries,
  f: AggregateFilter & Pick<ResponseFilter, "context">,
  limits: ScanLimits,
  order: "newest" | "oldest" = "newest",
): Promise<DayWindow[]> {
  const { context } = f;
  const cap = CONTEXT_DAYS_WINDOWS * limits.window;
  const valueDays = context ? await withD1Retry(() => contextResponsesPerDay(db, { ...f, context }, cap)) : null;
  const counted = context ? { siteId: f.siteId, from: f.from, to: f.to } : f;
  const days = valueDays ?? (await withD1Retry(() => responsesPerDay(db, counted)));
  return dayWindows(days, f, limits.window, order);
}

export interface Pacer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTime: Pacer = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** The share a scan may take now: the smaller one while its isolate is writing submissions. */
const shareNow = (limits: ScanLimits, now: number) => (writingLately(now) && limits.busyShare) || limits.share;

/**
 * The pause after a window that took `wallMs` (at least its SQL time): zero on a replica (the primary,
 * where submissions are written, was not used).
 */
export const pauseAfter = (cost: ReadCost, wallMs: number, limits: ScanLimits, now = Date.now()) => {
  if (cost.replica) return 0;
  const share = shareNow(limits, now);
  return (Math.max(wallMs, cost.sqlMs) * (1 - share)) / share;
};

/**
 * Reads windows in order until `read` says it has enough, the windows end, or the budget is spent
 * (checked before each window after the first). Returns how many windows were read.
 */
export async function scanWindows(
  windows: DayWindow[],
  read: (w: DayWindow) => Promise<{ cost: ReadCost; enough?: boolean }>,
  limits: ScanLimits,
  pacer: Pacer = realTime,
): Promise<number> {
  const started = pacer.now();
  let done = 0;
  for (const w of windows) {
    if (done > 0 && pacer.now() - started >= limits.budgetMs) break;
    const t0 = pacer.now();
    const { cost, enough } = await read(w);
    done++;
    if (enough || done === windows.length) break;
    const now = pacer.now();
    const pause = pauseAfter(cost, now - t0, limits, now);
    if (pause > 0) await pacer.sleep(pause);
  }
  return done;
}

/** What a view says about its coverage: nothing when complete, else the days it covers (newest first). */
export const coverage = (windows: DayWindow[], read: number): { partial?: true; coveredFrom?: string } =>
  read < windows.length && read > 0 ? { partial: true, coveredFrom: windows[read - 1]!.from } : {};
