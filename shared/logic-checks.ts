/**
 * Checks of a survey's logic when it is saved: each rule jumps forward (to a later question or to
 * the end) and compares the answer with a value its question can have. Each problem names the
 * rule's path (`questions[1].logic[0].goto`), so the editor can point at it.
 */
import { END_OF_SURVEY, SCORE_RANGE, type ScoredType } from "./constants";
import type { LogicRule } from "./types";

interface CheckedQuestion {
  id: string;
  type: string;
  options?: readonly { id: string }[] | undefined;
  logic?: readonly LogicRule[] | undefined;
}

export interface LogicProblem {
  path: (string | number)[];
  message: string;
}

/** Why `value` cannot be an answer of `q` (null when it can). */
function valueProblem(q: CheckedQuestion, value: unknown): string | null {
  if (q.type in SCORE_RANGE) {
    const [lo, hi] = SCORE_RANGE[q.type as ScoredType];
    return typeof value === "number" && Number.isInteger(value) && value >= lo && value <= hi
      ? null
      : `must be a whole number ${lo}-${hi}, as the answers of "${q.id}"`;
  }
  if (q.type === "choice" || q.type === "multi") {
    return typeof value === "string" && q.options?.some((o) => o.id === value)
      ? null
      : `must be one of the options of "${q.id}": ${(q.options ?? []).map((o) => o.id).join(", ")}`;
  }
  return typeof value === "string" ? null : "must be a text";
}

function conditionProblem(q: CheckedQuestion, rule: LogicRule): LogicProblem | null {
  const { op, value } = rule.if;
  const at = (message: string, inValue = true): LogicProblem => ({
    path: inValue ? ["if", "value"] : ["if", "op"],
    message,
  });
  if (op === "answered" || op === "skipped") return value === undefined ? null : at(`"${op}" takes no value`);
  if (op === "in") {
    if (!Array.isArray(value) || value.length === 0) return at("must be a non-empty list");
    for (const v of value) {
      const problem = valueProblem(q, v);
      if (problem) return at(`each value ${problem}`);
    }
    return null;
  }
  if ((op === "lt" || op === "lte" || op === "gt" || op === "gte") && !(q.type in SCORE_RANGE)) {
    return at(`"${op}" compares numbers: "${q.id}" is a ${q.type} question`, false);
  }
  const problem = valueProblem(q, value);
  return problem ? at(problem) : null;
}

/** Every problem of the survey's logic rules. */
export function logicProblems(questions: readonly CheckedQuestion[]): LogicProblem[] {
  const problems: LogicProblem[] = [];
  const position = new Map(questions.map((q, i) => [q.id, i]));
  questions.forEach((q, i) => {
    (q.logic ?? []).forEach((rule, j) => {
      const here = ["questions", i, "logic", j];
      const condition = conditionProblem(q, rule);
      if (condition) problems.push({ path: [...here, ...condition.path], message: condition.message });
      if (rule.goto === END_OF_SURVEY) return;
      const to = position.get(rule.goto);
      const message =
        to === undefined
          ? `jumps to "${rule.goto}", which is not a question of this survey`
          : to === i
            ? "jumps to its own question"
            : to < i
              ? `jumps back to "${rule.goto}": a rule may only jump forward`
              : null;
      if (message) problems.push({ path: [...here, "goto"], message });
    });
  });
  return problems;
}
