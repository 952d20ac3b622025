/**
 * "Is this change real?": an NPS compared with the previous period of the same length, or one
 * product's with the rest, in plain words. The test is shared/stats.ts compareNps (a two-sample
 * z-test on the adjusted Wald variances); its p-value is on hover and read to screen readers.
 */
import { useEffect, useState } from "preact/hooks";
import { compareNps } from "../../../shared/stats";
import type { NpsComparison, Site, Summary } from "../../../shared/types";
import { api, qs } from "../api";

const DAY = 86_400_000;
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The period of the same length that ends the day before `from` (inclusive UTC days, as the summary's). */
export function previousPeriod(from: string, to: string): { from: string; to: string; days: number } {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
  return { from: shiftDay(from, -days), to: shiftDay(from, -1), days };
}

/** "p = 0.0102": three significant digits near the 0.05 line, so 0.0503 never reads as 0.05. */
export function formatP(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p < 0.1 ? Number(p.toPrecision(3)) : Number(p.toFixed(2))}`;
}

const points = (n: number) => `${Math.abs(n)} point${Math.abs(n) === 1 ? "" : "s"}`;
const answers = (n: number) => `${n} answer${n === 1 ? "" : "s"}`;

/** The verdict, with the p-value on hover (title) and for screen readers. */
function Verdict({ c, short = false }: { c: NpsComparison; short?: boolean }) {
  const words = c.beyondChance
    ? short
      ? "beyond chance"
      : "that is more than chance would explain"
    : short
      ? "could be chance"
      : "chance alone could explain that";
  return (
    <span
      class={c.beyondChance ? "verdict beyond" : "verdict chance"}
      title={`${formatP(c.p)} (two-sided test at 95%: below 0.05 is beyond chance)`}
    >
      {words}
      <span class="sr-only"> ({formatP(c.p)})</span>
    </span>
  );
}

/** The NPS of this period against the previous one of the same length, with the same filters. */
export function PeriodComparison({
  site,
  summary,
  query,
}: {
  site: Site;
  summary: Summary;
  query: Record<string, string | undefined>;
}) {
  const prev = previousPeriod(summary.from, summary.to);
  const [previous, setPrevious] = useState<Summary | null>(null);
  // Once per summary shown: its query is the current one (the page drops answers to older queries).
  useEffect(() => {
    let live = true;
    setPrevious(null);
    // Unfiltered summaries read only the daily aggregates: this second read is cheap.
    api<Summary>(
      "GET",
      `/api/sites/${site.id}/summary${qs({ ...query, from: prev.from, to: prev.to, interval: "month" })}`,
    )
      .then((s) => live && setPrevious(s))
      .catch(() => live && setPrevious(null));
    return () => {
      live = false;
    };
  }, [summary]);

  if (!summary.nps.count || !previous) return null;
  const since = `the previous ${prev.days === 1 ? "day" : `${prev.days} days`}`;
  const c = compareNps(summary.nps, previous.nps);
  return (
    <p class="comparison" data-testid="nps-change">
      {!c ? (
        `No NPS answer in ${since} to compare with.`
      ) : c.difference === 0 ? (
        `NPS is unchanged since ${since}.`
      ) : (
        <>
          NPS {c.difference > 0 ? "rose" : "fell"} by {points(c.difference)} since {since}
          {` (from ${previous.nps.score} on ${answers(previous.nps.count)}); `}
          <Verdict c={c} />.
        </>
      )}
    </p>
  );
}

/** One product's NPS against all the other values of its key, for the breakdown table. */
export function VsRest({ c }: { c: NpsComparison | null | undefined }) {
  if (!c) return <>—</>;
  return (
    <span class="vs-rest">
      {c.difference > 0 ? "+" : ""}
      {c.difference}
      <span class="sr-only"> points against the rest</span> <Verdict c={c} short />
    </span>
  );
}
