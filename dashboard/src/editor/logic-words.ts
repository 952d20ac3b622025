/**
 * Logic rules in plain words, for the rule editor and the picture of the paths: which conditions a
 * question's type offers ("is 6 or less", "includes one of"), a sensible value for each, and the
 * sentence a rule reads as ("If the answer is 6 or less, go to 2. What went wrong?"). Pure, no DOM.
 */
import { END_OF_SURVEY, type LogicOp, SCORE_RANGE, type ScoredType, UNHAPPY_MAX } from "../../../shared/constants";
import { localizedText } from "../../../shared/localized";
import type { LogicCondition, LogicRule, Question } from "../../../shared/types";

type Kind = "score" | "thumbs" | "choice" | "multi" | "text";

const kindOf = (q: Pick<Question, "type">): Kind =>
  q.type === "thumbs"
    ? "thumbs"
    : q.type in SCORE_RANGE
      ? "score"
      : q.type === "choice" || q.type === "multi"
        ? q.type
        : "text";

/** The conditions each kind of question offers, in the order the editor lists them. */
const OPS: Record<Kind, LogicOp[]> = {
  score: ["lte", "gte", "eq", "neq", "lt", "gt", "in", "answered", "skipped"],
  thumbs: ["eq", "answered", "skipped"],
  choice: ["eq", "neq", "in", "answered", "skipped"],
  multi: ["eq", "neq", "in", "answered", "skipped"],
  text: ["answered", "skipped"],
};

/** How each condition reads after "If the answer" (`…` stands for the value). */
const OP_WORDS: Record<Kind, Partial<Record<LogicOp, string>>> = {
  score: {
    lte: "is … or less",
    gte: "is … or more",
    eq: "is",
    neq: "is not",
    lt: "is less than",
    gt: "is more than",
    in: "is one of",
    answered: "is given",
    skipped: "is skipped",
  },
  thumbs: { eq: "is", answered: "is given", skipped: "is skipped" },
  choice: { eq: "is", neq: "is not", in: "is one of", answered: "is given", skipped: "is skipped" },
  multi: {
    eq: "includes",
    neq: "does not include",
    in: "includes one of",
    answered: "is given",
    skipped: "is skipped",
  },
  text: { answered: "is given", skipped: "is skipped" },
};

export const opsFor = (q: Pick<Question, "type">): LogicOp[] => OPS[kindOf(q)];
export const opLabel = (q: Pick<Question, "type">, op: LogicOp): string => OP_WORDS[kindOf(q)][op] ?? op;

/** A condition as the editor's list offers it, before its value: "is at most" [6]. */
export const opChoice = (q: Pick<Question, "type">, op: LogicOp): string =>
  op === "lte" ? "is at most" : op === "gte" ? "is at least" : opLabel(q, op);

/** The values a condition of `q` may compare with: each score, or each option, with how it reads. */
export function valuesOf(q: Question): { value: number | string; label: string }[] {
  if (q.type === "thumbs") {
    return [
      { value: 1, label: "thumbs up" },
      { value: 0, label: "thumbs down" },
    ];
  }
  if (q.type in SCORE_RANGE) {
    const [lo, hi] = SCORE_RANGE[q.type as ScoredType];
    return Array.from({ length: hi - lo + 1 }, (_, i) => ({ value: lo + i, label: String(lo + i) }));
  }
  return (q.options ?? []).map((o) => ({ value: o.id, label: localizedText(o.text, "en", o.id) }));
}

/**
 * A condition with `op` on `q`, keeping the value of `previous` where it still fits: "6 or less"
 * turned into "6 or more" keeps the 6. A new rule on a score starts at the edge of an unhappy answer
 * (shared UNHAPPY_MAX: NPS 6, CSAT 2, CES 2, thumbs down).
 */
export function conditionFor(q: Question, op: LogicOp, previous?: LogicCondition): LogicCondition {
  if (op === "answered" || op === "skipped") return { op };
  const values = valuesOf(q).map((v) => v.value);
  const old = previous?.value;
  const single = Array.isArray(old) ? old[0] : old;
  if (op === "in") {
    const list = Array.isArray(old) ? old.filter((v) => values.includes(v)) : [];
    return {
      op,
      value: list.length ? list : single !== undefined && values.includes(single) ? [single] : [values[0]!],
    };
  }
  if (single !== undefined && values.includes(single)) return { op, value: single };
  const start = q.type in UNHAPPY_MAX ? UNHAPPY_MAX[q.type as ScoredType] : values[0];
  return { op, value: start ?? values[0]! };
}

/** A new rule for question `i`: the first condition its type offers, to the question after next (or the end). */
export function newRule(questions: readonly Question[], i: number): LogicRule {
  const q = questions[i]!;
  const to = questions[i + 2]?.id ?? END_OF_SURVEY;
  return { if: conditionFor(q, opsFor(q)[0]!), goto: to };
}

/** "2. What went wrong?", or "the end". */
export function targetName(questions: readonly Question[], goto: string): string {
  if (goto === END_OF_SURVEY) return "the end";
  const i = questions.findIndex((q) => q.id === goto);
  return i < 0 ? `“${goto}” (not in this survey)` : `${i + 1}. ${localizedText(questions[i]!.text, "en", goto)}`;
}

const valueLabel = (q: Question, v: unknown) =>
  valuesOf(q).find((x) => x.value === v)?.label ?? (typeof v === "string" ? `“${v}”` : String(v));

/** The condition after "If the answer": "is 6 or less", "includes one of Delivery, Price". */
export function conditionWords(q: Question, c: LogicCondition): string {
  const words = opLabel(q, c.op);
  if (c.op === "answered" || c.op === "skipped") return words;
  const value = Array.isArray(c.value) ? c.value.map((v) => valueLabel(q, v)).join(", ") : valueLabel(q, c.value);
  return words.includes("…") ? words.replace("…", value) : `${words} ${value}`;
}

/** The whole rule as a sentence: "If the answer is 6 or less, go to 2. What went wrong?". */
export const ruleWords = (questions: readonly Question[], q: Question, rule: LogicRule): string =>
  `If the answer ${conditionWords(q, rule.if)}, go to ${targetName(questions, rule.goto)}`;

/** A short label of a jump for the picture of the paths: "≤ 6", "= Price", "skipped". */
export function shortCondition(q: Question, c: LogicCondition): string {
  const symbol: Partial<Record<LogicOp, string>> = { eq: "=", neq: "≠", lt: "<", lte: "≤", gt: ">", gte: "≥" };
  if (c.op === "answered" || c.op === "skipped") return c.op;
  if (c.op === "in") return `one of ${(c.value as unknown[]).map((v) => valueLabel(q, v)).join(", ")}`;
  return `${q.type === "multi" && c.op === "eq" ? "has" : symbol[c.op]} ${valueLabel(q, c.value)}`;
}
