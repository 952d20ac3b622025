/**
 * What kind of question it is: its type, how a scale is drawn (numbers, stars, faces: the shared
 * STYLES_OF), and the warning when its id already has answers of another type (the collector would
 * refuse the save: results join versions by question id, so an id keeps its type).
 */
import { QUESTION_TYPES, type QuestionType, SCALE_TYPES, type ScaleStyle, STYLES_OF } from "../../../shared/constants";
import type { Question } from "../../../shared/types";
import { retype } from "./draft";

export const TYPE_LABEL: Record<QuestionType, string> = {
  nps: "NPS 0–10",
  csat: "CSAT 1–5",
  ces: "Effort 1–7",
  choice: "One choice",
  multi: "Several choices",
  text: "Free text",
  thumbs: "Thumbs up/down",
};

const STYLE_LABEL: Record<ScaleStyle, string> = { numbers: "Numbers", stars: "Stars ★", emoji: "Faces 🙂" };

/** Answers already stored under a question id, with their type (GET …/history). */
export interface Answered {
  type: string;
  answers: number;
}

export function QuestionKind({
  q,
  n,
  answered,
  onChange,
}: {
  q: Question;
  n: number;
  answered: Answered | undefined;
  onChange(q: Question): void;
}) {
  const styles = (SCALE_TYPES as readonly string[]).includes(q.type) ? STYLES_OF[q.type as keyof typeof STYLES_OF] : [];
  const clash = answered && answered.type !== q.type ? answered : null;
  return (
    <>
      <div class="row start">
        <label class="inline small">
          Type{" "}
          <select
            aria-label={`Question ${n} type`}
            value={q.type}
            onChange={(e) => onChange(retype(q, e.currentTarget.value as QuestionType))}
          >
            {QUESTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        {styles.length > 1 ? (
          <label class="inline small">
            Drawn as{" "}
            <select
              aria-label={`Question ${n} drawn as`}
              value={q.style ?? "numbers"}
              onChange={(e) => {
                const style = e.currentTarget.value as ScaleStyle;
                const { style: _old, ...rest } = q;
                onChange(style === "numbers" ? rest : { ...rest, style });
              }}
            >
              {styles.map((s) => (
                <option key={s} value={s}>
                  {STYLE_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {clash ? (
        <p class="small warn" role="alert" data-testid={`type-clash-${n}`}>
          The id “{q.id}” already has {clash.answers} {clash.answers === 1 ? "answer" : "answers"} as{" "}
          {TYPE_LABEL[clash.type as QuestionType] ?? clash.type}. Results join every version of the survey by question
          id, so an id keeps its type: the save would be refused. Give this {TYPE_LABEL[q.type]} question a new id, or
          change it back.
        </p>
      ) : null}
    </>
  );
}
