/**
 * A score's 95% interval in words, and the hint that a score rests on few answers. The interval
 * (shared/stats.ts, computed by the collector) is the range the true score most likely lies in:
 * an owner reads "between 33 and 100" rather than a bare 100 from 7 answers.
 */
import { round } from "../../../shared/stats";
import type { Interval } from "../../../shared/types";

/** Below this many answers a score can still move a lot from one answer to the next. */
export const FEW_ANSWERS = 30;

/** Interval ends as words: whole numbers, unless that would make both ends look the same. */
export function intervalBounds({ low, high }: Interval, unit = ""): [string, string] {
  const digits = round(low, 0) === round(high, 0) && low !== high ? 1 : 0;
  const show = (v: number) => `${round(v, digits)}${unit}`;
  return [show(low), show(high)];
}

/**
 * "between 33 and 100, 95% confidence". `none` is said when there is no interval (no answers, or
 * a mean of a single answer).
 */
export function IntervalText({
  interval,
  unit = "",
  none = "not enough answers for an interval",
  testId,
}: {
  interval: Interval | null | undefined;
  unit?: string;
  none?: string;
  testId?: string;
}) {
  if (!interval) {
    return (
      <p class="muted interval" data-testid={testId}>
        {none}
      </p>
    );
  }
  const [low, high] = intervalBounds(interval, unit);
  return (
    <p
      class="muted interval"
      data-testid={testId}
      title={`95% confidence interval: ${interval.low}${unit} to ${interval.high}${unit}`}
    >
      between {low} and {high}, 95% confidence
    </p>
  );
}

/** The "few answers" hint, shown below {@link FEW_ANSWERS} answers (nothing at 0: there is no score). */
export function FewAnswers({ count, testId }: { count: number; testId?: string }) {
  if (count <= 0 || count >= FEW_ANSWERS) return null;
  return (
    <p class="few-answers" data-testid={testId}>
      Few answers ({count}): the score can still move a lot, so read the range rather than the number.
    </p>
  );
}

/** A compact "low–high" for tables, with the same words for screen readers and on hover. */
export function IntervalRange({ interval, unit = "" }: { interval: Interval | null | undefined; unit?: string }) {
  if (!interval) return null;
  const [low, high] = intervalBounds(interval, unit);
  return (
    <small class="muted range" title={`95% confidence: between ${low} and ${high}`}>
      {" "}
      <span aria-hidden="true">
        ({low} to {high})
      </span>
      <span class="sr-only">
        , between {low} and {high} with 95% confidence
      </span>
    </small>
  );
}

/** What a score card says under its number: the interval in words, and the few-answers hint. */
export function Uncertainty({
  interval,
  count,
  unit = "",
  testId,
}: {
  interval: Interval | null | undefined;
  count: number;
  unit?: string;
  testId: string;
}) {
  return (
    <>
      <IntervalText
        interval={interval}
        unit={unit}
        none={count ? undefined : "no answers yet"}
        testId={`${testId}-interval`}
      />
      <FewAnswers count={count} testId={`${testId}-few`} />
    </>
  );
}
