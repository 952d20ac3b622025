/**
 * Who is asked, and when a survey is open: the rules of targeting and scheduling that both the
 * collector (what the config serves, what a submission may answer) and the widget's loader (what
 * may open on this page for this visitor) follow. Zod-free: the loader imports it.
 */
import { conditionHolds } from "./logic";
import type { ContextCondition, Schedule, Survey, Trigger } from "./types";

/**
 * What a trigger is when nothing is set (and what a definition saved before a field existed reads
 * as): zod-free, for the dashboard's main bundle; tests/shared keeps it equal to the schema's defaults.
 */
export const DEFAULT_TRIGGER: Trigger = {
  pages: ["*"],
  excludePages: [],
  delaySeconds: 0,
  scrollPercent: 0,
  exitIntent: false,
  sample: 1,
  cooldownDays: 90,
  visitors: "all",
  context: [],
  askAgain: "always",
  language: "any",
};

/**
 * Whether every condition holds on the page's context. Context values are strings (`data-context-*`);
 * compared with a number they are read as numbers ("62.50" > 50), and a key the page did not set
 * makes its condition false.
 */
export function contextHolds(conditions: readonly ContextCondition[], context: Readonly<Record<string, unknown>>) {
  return conditions.every((c) => {
    const raw = context[c.key];
    return (!!raw || raw === 0) && conditionHolds(c, [c.value].flat().some((v) => typeof v === "number") ? +raw! : raw);
  });
}

/**
 * Whether a survey with `schedule` takes new responses at `now` with `completed` complete ones:
 * from `startsAt` (inclusive) to `endsAt` (exclusive), and while fewer than `maxResponses`.
 */
export function isOpen(schedule: Schedule | undefined, now: number, completed: number): boolean {
  if (!schedule) return true;
  if (schedule.startsAt && now < Date.parse(schedule.startsAt)) return false;
  if (schedule.endsAt && now >= Date.parse(schedule.endsAt)) return false;
  return schedule.maxResponses === undefined || completed < schedule.maxResponses;
}

/** The order the widget weighs surveys in: lower `priority` first, then as given (the order of creation). */
export const byPriority = <T extends { priority: number }>(surveys: readonly T[]): T[] =>
  surveys
    .map((s, i) => [s, i] as const)
    .sort(([a, i], [b, j]) => a.priority - b.priority || i - j)
    .map(([s]) => s);

/** Whether every question of the survey is written in `locale` (a base language such as "ro"). */
export const speaks = (survey: Pick<Survey, "questions">, locale: string): boolean =>
  survey.questions.every((q) => Object.keys(q.text).some((k) => k.split("-")[0] === locale));

/** Whether the survey is for a visitor in `locale`: always, unless it asks only in its own languages. */
export const forLanguage = (survey: Pick<Survey, "questions" | "trigger">, locale: string): boolean =>
  survey.trigger.language !== "translated" || speaks(survey, locale);
