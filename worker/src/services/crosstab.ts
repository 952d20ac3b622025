/**
 * A choice or multi question crossed with the NPS segment of the respondent or with a shop-context
 * value (e.g. "how did you hear about us?" per product): per option, the share of each column's
 * respondents who chose it. Read from raw answers window by window (bounded-scan.ts).
 */
import { SEGMENTS } from "../../../shared/constants";
import { npsSegment } from "../../../shared/scoring";
import { round } from "../../../shared/stats";
import type { CrossTab, CrossTabQuery } from "../../../shared/types";
import { optionsByContext, optionsByNps } from "../db/crosstab";
import { versionsOfSite } from "../db/surveys";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import type { D1Queries } from "../lib/d1-session";
import { coverage, OWNER_SCAN, type ScanLimits, scanWindows, windowsOf } from "./bounded-scan";
import { mergeVersions } from "./question-results";
import { resolveRange } from "./summary";

/** Context values shown as columns: those with the most answers. */
const CONTEXT_COLUMNS = 12;

/** Counts keyed by a text, added up over windows. */
class Tally {
  readonly counts = new Map<string, number>();
  add(key: string, n: number | string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + Number(n));
  }
  get(key: string) {
    return this.counts.get(key) ?? 0;
  }
}

const npsKey = (nps: number | null) => (nps === null ? "" : String(nps));

const share = (count: number, total: number) => (total > 0 ? round((100 * count) / total, 1) : null);

export async function crossTab(
  db: D1Queries,
  siteId: string,
  q: CrossTabQuery,
  limits: ScanLimits = OWNER_SCAN,
): Promise<CrossTab> {
  const range = resolveRange(q.from, q.to);
  const question = mergeVersions(await withD1Retry(() => versionsOfSite(db, siteId, q.survey)))
    .get(q.survey)
    ?.find((x) => x.id === q.question);
  if (!question) throw new ApiError("not_found", `survey "${q.survey}" has no question "${q.question}"`);
  if (question.type !== "choice" && question.type !== "multi") {
    throw new ApiError("invalid_body", `question: "${q.question}" is a ${question.type} question, not a choice`);
  }
  const filter = { siteId, survey: q.survey, ...range };
  const windows = await windowsOf(db, filter, limits);
  // Cells by option and column key (lowest NPS, or context value), totals by column key.
  const cells = new Tally();
  const totals = new Tally();
  const contextKey = q.by === "segment" ? null : q.by.slice("context:".length);
  const read = await scanWindows(
    windows,
    async (w) => {
      if (contextKey === null) {
        const data = await withD1Retry(() => optionsByNps(db, { ...filter, ...w }, q.question));
        for (const c of data.cells) cells.add(`${c.option}\n${npsKey(c.nps)}`, c.count);
        for (const t of data.totals) totals.add(npsKey(t.nps), t.count);
        return { cost: data.cost };
      }
      const data = await withD1Retry(() => optionsByContext(db, { ...filter, ...w }, q.question, contextKey));
      for (const c of data.cells) cells.add(`${c.option}\n${c.value}`, c.count);
      for (const t of data.totals) totals.add(t.value, t.count);
      return { cost: data.cost };
    },
    limits,
  );
  let columns: string[];
  let count: (option: string, column: number) => number;
  let respondents: number[];
  if (contextKey === null) {
    // Responses without an NPS answer have no segment: left out of this cross-tab.
    const keysOf = (segment: string) =>
      [...totals.counts.keys()].filter((k) => k !== "" && npsSegment(Number(k)) === segment);
    columns = [...SEGMENTS];
    respondents = columns.map((s) => keysOf(s).reduce((a, k) => a + totals.get(k), 0));
    count = (option, i) => keysOf(columns[i]!).reduce((a, k) => a + cells.get(`${option}\n${k}`), 0);
  } else {
    columns = [...totals.counts.entries()]
      .sort(([va, a], [vb, b]) => b - a || (va < vb ? -1 : va > vb ? 1 : 0))
      .slice(0, CONTEXT_COLUMNS)
      .map(([value]) => value);
    respondents = columns.map((v) => totals.get(v));
    count = (option, i) => cells.get(`${option}\n${columns[i]}`);
  }
  const options = question.options ?? [];
  return {
    survey: q.survey,
    question: q.question,
    by: q.by,
    ...range,
    columns: columns.map((id, i) => ({ id, respondents: respondents[i]! })),
    rows: options.map((o) => {
      const counts = columns.map((_, i) => count(o.id, i));
      return { option: o.id, counts, shares: counts.map((n, i) => share(n, respondents[i]!)) };
    }),
    ...coverage(windows, read),
  };
}
