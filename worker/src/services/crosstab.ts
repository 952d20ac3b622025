/**
 * A choice or multi question crossed with the NPS segment of the respondent or with a shop-context
 * value (e.g. "how did you hear about us?" per product): per option, the share of each column's
 * respondents who chose it.
 */
import { SEGMENTS } from "../../../shared/constants";
import { npsSegment } from "../../../shared/scoring";
import { round } from "../../../shared/stats";
import type { CrossTab, CrossTabQuery } from "../../../shared/types";
import { optionsByContext, optionsByNps } from "../db/crosstab";
import { versionsOfSite } from "../db/surveys";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import { mergeVersions } from "./question-results";
import { resolveRange } from "./summary";

const share = (count: number, total: number) => (total > 0 ? round((100 * count) / total, 1) : null);

export async function crossTab(db: D1Database, siteId: string, q: CrossTabQuery): Promise<CrossTab> {
  const range = resolveRange(q.from, q.to);
  const question = mergeVersions(await withD1Retry(() => versionsOfSite(db, siteId, q.survey)))
    .get(q.survey)
    ?.find((x) => x.id === q.question);
  if (!question) throw new ApiError("not_found", `survey "${q.survey}" has no question "${q.question}"`);
  if (question.type !== "choice" && question.type !== "multi") {
    throw new ApiError("invalid_body", `question: "${q.question}" is a ${question.type} question, not a choice`);
  }
  const filter = { siteId, survey: q.survey, ...range };
  let columns: string[];
  let count: (option: string, column: number) => number;
  let totals: number[];
  if (q.by === "segment") {
    const data = await withD1Retry(() => optionsByNps(db, filter, q.question));
    // Responses without an NPS answer have no segment: left out of this cross-tab.
    const segmentOf = (nps: number | null) => (nps === null ? null : npsSegment(nps));
    columns = [...SEGMENTS];
    totals = columns.map((s) => data.totals.filter((t) => segmentOf(t.nps) === s).reduce((a, t) => a + t.count, 0));
    count = (option, i) =>
      data.cells.filter((c) => c.option === option && segmentOf(c.nps) === columns[i]).reduce((a, c) => a + c.count, 0);
  } else {
    const data = await withD1Retry(() => optionsByContext(db, filter, q.question, q.by.slice("context:".length)));
    columns = data.totals.map((t) => t.value);
    totals = data.totals.map((t) => Number(t.count));
    count = (option, i) => Number(data.cells.find((c) => c.option === option && c.value === columns[i])?.count ?? 0);
  }
  const options = question.options ?? [];
  return {
    survey: q.survey,
    question: q.question,
    by: q.by,
    ...range,
    columns: columns.map((id, i) => ({ id, respondents: totals[i]! })),
    rows: options.map((o) => {
      const counts = columns.map((_, i) => count(o.id, i));
      return { option: o.id, counts, shares: counts.map((n, i) => share(n, totals[i]!)) };
    }),
  };
}
