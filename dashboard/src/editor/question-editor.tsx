/**
 * One question of the survey editor: type and style, id, required, texts per locale, options, jump
 * rules; reorder and remove.
 */
import { useState } from "preact/hooks";
import { SCORE_RANGE, type ScoredType } from "../../../shared/constants";
import type { LocalizedText, LogicRule, Question } from "../../../shared/types";
import { LogicRules } from "./logic-rules";
import { type Answered, QuestionKind, TYPE_LABEL } from "./question-kind";

const RTL = new Set(["ar", "he", "fa", "ur"]);

/** One input per enabled locale, labelled "<label> (<locale>)". */
export function LocaleTexts({
  value,
  locales,
  label,
  onChange,
  multiline = false,
}: {
  value: LocalizedText;
  locales: string[];
  label: string;
  onChange(t: LocalizedText): void;
  multiline?: boolean;
}) {
  return (
    <div class="texts-grid">
      {locales.map((l) => {
        const props = {
          "aria-label": `${label} (${l})`,
          dir: RTL.has(l) ? "rtl" : "ltr",
          lang: l,
          value: value[l] ?? "",
          maxLength: 1000,
          onInput: (e: Event) => onChange({ ...value, [l]: (e.currentTarget as HTMLInputElement).value }),
        } as const;
        return (
          // biome-ignore lint/a11y/noLabelWithoutControl: the input or textarea below is spread from props
          <label key={l}>
            <span class="lang" aria-hidden="true">
              {l}
            </span>
            {multiline ? <textarea rows={2} {...props} /> : <input {...props} />}
          </label>
        );
      })}
    </div>
  );
}

export function QuestionEditor({
  questions,
  index,
  answered,
  locales,
  onChange,
  onMove,
  onRemove,
}: {
  /** Every question of the draft (jump rules name later ones). */
  questions: readonly Question[];
  index: number;
  answered: Answered | undefined;
  locales: string[];
  onChange(q: Question): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const q = questions[index]!;
  const count = questions.length;
  const n = index + 1;
  const setOption = (k: number, patch: Partial<NonNullable<Question["options"]>[number]>) =>
    onChange({ ...q, options: (q.options ?? []).map((o, j) => (j === k ? { ...o, ...patch } : o)) });
  return (
    <li class="question" aria-label={`Question ${n}: ${TYPE_LABEL[q.type]}`}>
      <div class="row">
        <strong>
          {n}. {TYPE_LABEL[q.type]}
        </strong>
        <div class="row start">
          <label class="check">
            <input
              type="checkbox"
              checked={q.required}
              onChange={(e) => onChange({ ...q, required: e.currentTarget.checked })}
            />{" "}
            Required
          </label>
          <button
            type="button"
            class="icon"
            aria-label={`Move question ${n} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            class="icon"
            aria-label={`Move question ${n} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            class="link danger"
            aria-label={`Remove question ${n}`}
            disabled={count === 1}
            onClick={onRemove}
          >
            Remove
          </button>
        </div>
      </div>
      <QuestionKind q={q} n={n} answered={answered} onChange={onChange} />
      <label class="inline small">
        Question id{" "}
        <input
          class="short"
          aria-label={`Question ${n} id`}
          value={q.id}
          pattern="[A-Za-z0-9_\-]{1,40}"
          onInput={(e) => onChange({ ...q, id: e.currentTarget.value })}
        />
        <span class="muted"> (a column of the export; keep it once answers come in)</span>
      </label>
      <LocaleTexts
        value={q.text}
        locales={locales}
        label={`Question ${n} text`}
        onChange={(text) => onChange({ ...q, text })}
      />
      {q.type === "nps" || q.type === "csat" || q.type === "ces" ? (
        <EndLabels q={q} n={n} locales={locales} onChange={onChange} />
      ) : null}
      {q.type === "choice" || q.type === "multi" ? (
        <fieldset class="options">
          <legend>Options</legend>
          {(q.options ?? []).map((o, k) => (
            <div key={k} class="option">
              <input
                aria-label={`Question ${n} option ${k + 1} id`}
                class="short"
                value={o.id}
                onInput={(e) => setOption(k, { id: e.currentTarget.value })}
              />
              <LocaleTexts
                value={o.text}
                locales={locales}
                label={`Question ${n} option ${k + 1}`}
                onChange={(text) => setOption(k, { text })}
              />
              <button
                type="button"
                class="link danger"
                aria-label={`Remove option ${k + 1} of question ${n}`}
                onClick={() => onChange({ ...q, options: (q.options ?? []).filter((_, j) => j !== k) })}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            class="link"
            onClick={() =>
              onChange({
                ...q,
                options: [...(q.options ?? []), { id: `o${(q.options?.length ?? 0) + 1}`, text: { en: "" } }],
              })
            }
          >
            + Option
          </button>
        </fieldset>
      ) : null}
      <LogicRules
        questions={questions}
        index={index}
        onChange={(logic?: LogicRule[]) => {
          const { logic: _old, ...rest } = q;
          onChange(logic ? { ...rest, logic } : rest);
        }}
      />
    </li>
  );
}

/** Optional words under both ends of a scale, per locale; folded away until wanted. */
function EndLabels({
  q,
  n,
  locales,
  onChange,
}: {
  q: Question;
  n: number;
  locales: string[];
  onChange(q: Question): void;
}) {
  const [open, setOpen] = useState(() => !!(q.labels?.low || q.labels?.high));
  const [lo, hi] = SCORE_RANGE[q.type as ScoredType];
  return (
    <details class="end-labels" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>End labels (optional)</summary>
      <p class="muted small">
        Words under both ends of the scale. Leave empty for the built-in ones, such as “Not at all likely”.
      </p>
      <div class="end">
        <span class="small strong">Under {lo}</span>
        <LocaleTexts
          value={q.labels?.low ?? {}}
          locales={locales}
          label={`Question ${n} low end`}
          onChange={(low) => onChange({ ...q, labels: { ...q.labels, low } })}
        />
      </div>
      <div class="end">
        <span class="small strong">Under {hi}</span>
        <LocaleTexts
          value={q.labels?.high ?? {}}
          locales={locales}
          label={`Question ${n} high end`}
          onChange={(high) => onChange({ ...q, labels: { ...q.labels, high } })}
        />
      </div>
    </details>
  );
}
