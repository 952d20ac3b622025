/**
 * The path through a survey, one pure function used by the widget (to step), the collector (to
 * replay every submission) and the dashboard (preview and the picture of the paths).
 *
 * A question may carry rules `{ if: { op, value }, goto }`: after the question is answered (or
 * skipped), the first rule whose condition holds sends the customer to `goto` (a later question's
 * id, or "end"); without one, the next question follows. Questions are named by id, never by
 * position: positions change when an owner edits a survey.
 */
import { END_OF_SURVEY } from "./constants";
import type { LogicCondition, LogicRule } from "./types";

export interface PathQuestion {
  id: string;
  logic?: readonly LogicRule[] | undefined;
}

/** What a customer answered, by question id (absent: not answered). */
export type AnswerMap = Readonly<Record<string, unknown>>;

/**
 * Whether a condition holds for one question's answer (`undefined`: the question was skipped).
 * Several choices (a list) match `eq` when one of them is the value, `in` when one is in the list.
 * (Written tight: the widget's loader carries it, for conditions on the page's context.)
 */
export function conditionHolds({ op, value }: LogicCondition, answer: unknown): boolean {
  if (answer === undefined) return op === "skipped";
  const given: unknown[] = [answer].flat();
  if (op === "eq" || op === "neq") return given.includes(value) === (op === "eq");
  if (op === "in") return Array.isArray(value) && given.some((v) => value.includes(v as never));
  if (op === "answered") return true;
  if (typeof answer !== "number" || typeof value !== "number") return false;
  return op === "lt"
    ? answer < value
    : op === "lte"
      ? answer <= value
      : op === "gt"
        ? answer > value
        : op === "gte" && answer >= value;
}

/**
 * Where the customer goes after question `i` given its answer: the index of the next question,
 * or -1 at the end. A jump that does not lead forward (refused when the survey is saved) is
 * read as "next", so the walk always ends.
 */
export function nextIndex(questions: readonly PathQuestion[], i: number, answers: AnswerMap): number {
  const q = questions[i]!;
  const rule = q.logic?.find((r) => conditionHolds(r.if, answers[q.id]));
  if (!rule) return i + 1 < questions.length ? i + 1 : -1;
  if (rule.goto === END_OF_SURVEY) return -1;
  const to = questions.findIndex((x) => x.id === rule.goto);
  return to > i ? to : i + 1 < questions.length ? i + 1 : -1;
}

/**
 * The questions a customer goes through given these answers, in order: every question that is
 * not answered counts as skipped (so the path is the rest of the survey as it stands now).
 */
export function surveyPath(questions: readonly PathQuestion[], answers: AnswerMap): string[] {
  const path: string[] = [];
  for (let i = questions.length ? 0 : -1; i >= 0; i = nextIndex(questions, i, answers)) path.push(questions[i]!.id);
  return path;
}

/**
 * The questions a response has been shown: for a complete one, its whole path; for a partial one,
 * the path up to its last answer and the question after it (on screen when the customer left).
 */
export function reachedQuestions(questions: readonly PathQuestion[], answers: AnswerMap, complete: boolean): string[] {
  const path = surveyPath(questions, answers);
  if (complete) return path;
  let last = -1;
  path.forEach((id, i) => {
    if (answers[id] !== undefined) last = i;
  });
  return path.slice(0, Math.min(path.length, last + 2));
}
