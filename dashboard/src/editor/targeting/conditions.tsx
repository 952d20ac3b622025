/**
 * Conditions on what the shop's page tells about the moment (its context: `data-context-*` or
 * `Feedback.setContext`), one row each in plain words: "cartValue is more than 50".
 */
import { CONTEXT_OPS } from "../../../../shared/constants";
import type { ContextCondition } from "../../../../shared/types";
import { OP_WORDS } from "./summary";

const NUMERIC = new Set<ContextCondition["op"]>(["lt", "lte", "gt", "gte"]);

/**
 * What the owner typed, as the condition's value: a number where the operator compares numbers,
 * a list for "one of".
 */
export function conditionValue(op: ContextCondition["op"], text: string): ContextCondition["value"] {
  if (op === "in") {
    const items = text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return items.map((s) => (s !== "" && !Number.isNaN(Number(s)) && /^-?\d/.test(s) ? Number(s) : s));
  }
  const n = Number(text);
  return NUMERIC.has(op) || (text.trim() !== "" && /^-?\d+(\.\d+)?$/.test(text.trim()) && !Number.isNaN(n)) ? n : text;
}

const valueText = (v: ContextCondition["value"]) => (Array.isArray(v) ? v.join(", ") : String(v));

export function ContextConditions({
  conditions,
  onChange,
}: {
  conditions: ContextCondition[];
  onChange(next: ContextCondition[]): void;
}) {
  const set = (i: number, patch: Partial<ContextCondition>) =>
    onChange(conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset class="conditions">
      <legend>Only when the page's context matches</legend>
      {conditions.length === 0 ? <p class="muted small">No condition: any context.</p> : null}
      {conditions.map((c, i) => (
        <fieldset class="row start plain" key={i} aria-label={`Condition ${i + 1}`}>
          <input
            aria-label="Context key"
            value={c.key}
            placeholder="cartValue"
            onInput={(e) => set(i, { key: e.currentTarget.value.trim() })}
          />
          <select
            aria-label="Comparison"
            value={c.op}
            onChange={(e) => {
              const op = e.currentTarget.value as ContextCondition["op"];
              set(i, { op, value: conditionValue(op, valueText(c.value)) });
            }}
          >
            {CONTEXT_OPS.map((op) => (
              <option key={op} value={op}>
                {OP_WORDS[op]}
              </option>
            ))}
          </select>
          <input
            aria-label="Value"
            value={valueText(c.value)}
            placeholder={c.op === "in" ? "sku-1, sku-2" : "50"}
            onInput={(e) => set(i, { value: conditionValue(c.op, e.currentTarget.value) })}
          />
          <button type="button" class="link" onClick={() => onChange(conditions.filter((_, j) => j !== i))}>
            Remove
          </button>
        </fieldset>
      ))}
      {conditions.length < 10 ? (
        <button type="button" onClick={() => onChange([...conditions, { key: "", op: "eq", value: "" }])}>
          Add a condition
        </button>
      ) : null}
    </fieldset>
  );
}
