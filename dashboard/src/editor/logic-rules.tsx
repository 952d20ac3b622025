/**
 * A question's jump rules, each a sentence of controls: "If the answer [is … or less] [6], go to
 * [2. What went wrong?]". The first rule that holds wins, else the next question follows (the
 * contract's rule). Problems the collector would refuse (a jump backwards after a reorder) are
 * named under the rule, from the same shared check the save runs.
 */
import { END_OF_SURVEY, type LogicOp } from "../../../shared/constants";
import { logicProblems } from "../../../shared/logic-checks";
import type { LogicRule, Question } from "../../../shared/types";
import { conditionFor, newRule, opChoice, opsFor, ruleWords, targetName, valuesOf } from "./logic-words";

export function LogicRules({
  questions,
  index,
  onChange,
}: {
  questions: readonly Question[];
  index: number;
  onChange(logic: LogicRule[] | undefined): void;
}) {
  const q = questions[index]!;
  const rules = q.logic ?? [];
  const n = index + 1;
  const problems = logicProblems(questions);
  const problemOf = (j: number) => problems.filter((p) => p.path[1] === index && p.path[3] === j).map((p) => p.message);
  const set = (j: number, rule: LogicRule) => onChange(rules.map((r, k) => (k === j ? rule : r)));
  const later = questions.slice(index + 1);
  return (
    <fieldset class="logic-rules">
      <legend>Jumps after question {n}</legend>
      {rules.map((rule, j) => {
        const label = `Question ${n} rule ${j + 1}`;
        const values = valuesOf(q);
        const { op, value } = rule.if;
        const at = (v: unknown) => values.findIndex((x) => x.value === v);
        return (
          <div key={j} class="logic-rule" data-testid={`rule-${n}-${j + 1}`}>
            <span>If the answer</span>
            <select
              aria-label={`${label} condition`}
              value={op}
              onChange={(e) => set(j, { ...rule, if: conditionFor(q, e.currentTarget.value as LogicOp, rule.if) })}
            >
              {opsFor(q).map((o) => (
                <option key={o} value={o}>
                  {opChoice(q, o)}
                </option>
              ))}
            </select>
            {op === "answered" || op === "skipped" ? null : op === "in" ? (
              <fieldset class="row start rule-values">
                <legend class="sr-only">{`${label} values`}</legend>
                {values.map((v) => {
                  const list = Array.isArray(value) ? value : [];
                  const on = list.includes(v.value);
                  return (
                    <label class="check" key={String(v.value)}>
                      <input
                        type="checkbox"
                        checked={on}
                        onChange={() =>
                          set(j, {
                            ...rule,
                            if: { op, value: on ? list.filter((x) => x !== v.value) : [...list, v.value] },
                          })
                        }
                      />{" "}
                      {v.label}
                    </label>
                  );
                })}
              </fieldset>
            ) : (
              <select
                aria-label={`${label} value`}
                value={String(Math.max(0, at(value)))}
                onChange={(e) => set(j, { ...rule, if: { op, value: values[Number(e.currentTarget.value)]!.value } })}
              >
                {values.map((v, k) => (
                  <option key={String(v.value)} value={String(k)}>
                    {v.label}
                  </option>
                ))}
              </select>
            )}
            <span>, go to</span>
            <select
              aria-label={`${label} goes to`}
              value={rule.goto}
              onChange={(e) => set(j, { ...rule, goto: e.currentTarget.value })}
            >
              {later.some((x) => x.id === rule.goto) || rule.goto === END_OF_SURVEY ? null : (
                <option value={rule.goto}>{targetName(questions, rule.goto)}</option>
              )}
              {later.map((x) => (
                <option key={x.id} value={x.id}>
                  {targetName(questions, x.id)}
                </option>
              ))}
              <option value={END_OF_SURVEY}>the end</option>
            </select>
            <button
              type="button"
              class="link danger"
              aria-label={`Remove ${label.toLowerCase()}`}
              onClick={() => onChange(rules.length > 1 ? rules.filter((_, k) => k !== j) : undefined)}
            >
              Remove
            </button>
            <p class="muted small rule-words" data-testid="rule-words">
              {ruleWords(questions, q, rule)}
            </p>
            {problemOf(j).map((message) => (
              <p key={message} class="small warn">
                {message}
              </p>
            ))}
          </div>
        );
      })}
      {rules.length ? (
        <p class="muted small">Otherwise: {targetName(questions, questions[index + 1]?.id ?? END_OF_SURVEY)}</p>
      ) : null}
      {later.length || rules.length ? (
        <button type="button" class="link" onClick={() => onChange([...rules, newRule(questions, index)])}>
          + Jump rule
        </button>
      ) : (
        <p class="muted small">The last question: the survey ends after it.</p>
      )}
    </fieldset>
  );
}
