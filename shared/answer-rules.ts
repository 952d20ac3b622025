/**
 * Pure checks of a submission against the survey version it answers: known question, matching
 * type, value in range, options, no repeats, every answer on the path its answers take (the
 * logic replayed), and, once complete, every required question of that path answered.
 * Zod-free so that the widget could reuse it; the worker is the authority.
 */
import { MAX_TEXT_ANSWER, SCORE_RANGE } from "./constants";
import type { ErrorIssue } from "./errors";
import { type AnswerMap, surveyPath } from "./logic";
import type { Question } from "./types";

export interface AnswerLike {
  question: string;
  value: unknown;
}

/** Checks one answer value against its question; returns a message, or null when valid. */
export function checkAnswerValue(q: Pick<Question, "type" | "options">, value: unknown): string | null {
  switch (q.type) {
    case "nps":
    case "csat":
    case "ces":
    case "thumbs": {
      const [lo, hi] = SCORE_RANGE[q.type];
      const label = q.type === "thumbs" ? "thumbs" : q.type.toUpperCase();
      if (typeof value !== "number" || !Number.isInteger(value) || value < lo || value > hi) {
        return q.type === "thumbs" ? "thumbs must be 0 (down) or 1 (up)" : `${label} must be an integer ${lo}-${hi}`;
      }
      return null;
    }
    case "choice": {
      const ids = (q.options ?? []).map((o) => o.id);
      if (typeof value !== "string" || !ids.includes(value)) return `choice must be one of: ${ids.join(", ")}`;
      return null;
    }
    case "multi": {
      const ids = (q.options ?? []).map((o) => o.id);
      if (!Array.isArray(value) || value.length === 0) return "multi must be a non-empty list of option ids";
      if (new Set(value).size !== value.length) return "multi must not repeat an option";
      const bad = value.find((v) => typeof v !== "string" || !ids.includes(v));
      if (bad !== undefined) return `multi options must be among: ${ids.join(", ")}`;
      return null;
    }
    case "text": {
      if (typeof value !== "string") return "text must be a string";
      if (value.trim().length === 0) return "text must not be empty";
      if ([...value].length > MAX_TEXT_ANSWER) return `text must be at most ${MAX_TEXT_ANSWER} characters`;
      return null;
    }
  }
}

/**
 * Every problem of `answers` against `questions`, with paths such as `answers[0].value`. Required
 * questions are checked only when the response is `complete` (a partial one may still come back).
 */
export function validateAnswers(
  questions: readonly Question[],
  answers: readonly AnswerLike[],
  { complete = true }: { complete?: boolean } = {},
): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given: Record<string, unknown> = {};
  answers.forEach((a, i) => {
    const q = byId.get(a.question);
    if (!q) {
      issues.push({ path: `answers[${i}].question`, message: `unknown question "${a.question}"` });
      return;
    }
    if (a.question in given) {
      issues.push({ path: `answers[${i}].question`, message: `question "${a.question}" answered twice` });
      return;
    }
    given[a.question] = a.value;
    const problem = checkAnswerValue(q, a.value);
    if (problem) issues.push({ path: `answers[${i}].value`, message: problem });
  });
  if (issues.length > 0) return issues;
  const walk = surveyPath(questions, given as AnswerMap);
  // Nobody gets past a required question without answering it: in a partial response, answers
  // beyond one left open are off the path (the walk reads it as skipped, and would let an answer in
  // that its answer later takes off the path, leaving a response that can never complete).
  const open = complete ? -1 : walk.findIndex((id) => byId.get(id)!.required && !(id in given));
  const path = new Set(open < 0 ? walk : walk.slice(0, open + 1));
  answers.forEach((a, i) => {
    if (!path.has(a.question)) {
      issues.push({
        path: `answers[${i}].question`,
        message: `question "${a.question}" is not on the path these answers take (the survey's logic skips it)`,
      });
    }
  });
  if (complete) {
    for (const q of questions) {
      if (q.required && path.has(q.id) && !(q.id in given)) {
        issues.push({ path: "answers", message: `required question "${q.id}" is not answered` });
      }
    }
  }
  return issues;
}
