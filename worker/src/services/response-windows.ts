/**
 * Pages of the responses list and of the CSV export, read window by window (bounded-scan.ts): a
 * filter that matches few responses (a text search, a rare context value) no longer walks the whole
 * site in one query. A page may come back short, with a cursor to go on from, when its time budget
 * ran out: the cursor then points past the windows already read.
 */

import type { ReadCost } from "../db/cost";
import * as db from "../db/responses";
import { withD1Retry } from "../lib/d1-retry";
import type { D1Queries } from "../lib/d1-session";
import { type DayWindow, type ScanLimits, scanWindows, windowsOf } from "./bounded-scan";

export interface Cursor {
  createdAt: string;
  id: string;
}

/** Cursors at a window's edge sort before or after every id of the day (ids are [A-Za-z0-9_-]). */
const BEFORE_ALL = "";
const AFTER_ALL = "~";
const EVERY_DAY = { from: "0000-01-01", to: "9999-12-31" };

const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The cursor after which nothing of window `w` is left, reading in the given order. */
export const pastWindow = (w: DayWindow, ascending: boolean): Cursor =>
  ascending
    ? { createdAt: `${w.to}T23:59:59.999Z`, id: AFTER_ALL }
    : { createdAt: `${w.from}T00:00:00.000Z`, id: BEFORE_ALL };

/** The windows (or the parts of them) still ahead of `after`, in reading order. */
export function clipWindows(windows: DayWindow[], after: Cursor | undefined, ascending: boolean): DayWindow[] {
  if (!after) return windows;
  const day = after.createdAt.slice(0, 10);
  if (ascending) {
    const from = after.id === AFTER_ALL && after.createdAt.endsWith("T23:59:59.999Z") ? shiftDay(day, 1) : day;
    return windows.filter((w) => w.to >= from).map((w) => (w.from < from ? { ...w, from } : w));
  }
  const to = after.id === BEFORE_ALL && after.createdAt.endsWith("T00:00:00.000Z") ? shiftDay(day, -1) : day;
  return windows.filter((w) => w.from <= to).map((w) => (w.to > to ? { ...w, to } : w));
}

/** The windows of a list's range (every day of the site when it has none), in reading order. */
export const listWindows = (d1: D1Queries, f: db.ResponseFilter, ascending: boolean, limits: ScanLimits) =>
  windowsOf(
    d1,
    {
      siteId: f.siteId,
      from: f.from ?? EVERY_DAY.from,
      to: f.to ?? EVERY_DAY.to,
      survey: f.survey,
      channel: f.channel,
      context: f.context,
    },
    limits,
    ascending ? "oldest" : "newest",
  );

/**
 * Up to `limit` rows from `windows` (already clipped to the cursor), and the cursor of the next
 * page: after the last row when there are more, past the last window read when the budget ran out,
 * null at the end.
 */
export async function windowedPage(
  d1: D1Queries,
  f: db.ResponseFilter,
  windows: DayWindow[],
  opts: { limit: number; ascending: boolean; after?: Cursor | undefined },
  limits: ScanLimits,
): Promise<{ rows: db.ResponseRow[]; next: Cursor | null; cost: ReadCost }> {
  const rows: db.ResponseRow[] = [];
  let cost: ReadCost = { sqlMs: 0, replica: false };
  const read = await scanWindows(
    windows,
    async (w) => {
      const page = await withD1Retry(() =>
        db.listResponses(d1, f, { ...opts, limit: opts.limit + 1 - rows.length, within: w }),
      );
      rows.push(...page.rows);
      cost = page.cost;
      return { cost, enough: rows.length > opts.limit };
    },
    limits,
  );
  if (rows.length > opts.limit) {
    const last = rows[opts.limit - 1]!;
    return { rows: rows.slice(0, opts.limit), next: { createdAt: last.created_at, id: last.id }, cost };
  }
  const next = read < windows.length ? pastWindow(windows[read - 1]!, opts.ascending) : null;
  return { rows, next, cost };
}
