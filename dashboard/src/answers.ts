/** How an answer reads to an owner: question titles and option labels instead of ids, scales with their range. */
import { SCORE_RANGE, type ScoredType, UNHAPPY_MAX } from "../../shared/constants";
import { localizedText } from "../../shared/localized";
import type { LocalizedText, Question, ResponseItem, Survey } from "../../shared/types";

type Answer = ResponseItem["answers"][number];

/** Questions of every survey by "surveyId/questionId". */
export type QuestionIndex = Map<string, Question>;

export const indexQuestions = (surveys: readonly Survey[]): QuestionIndex =>
  new Map(surveys.flatMap((s) => s.questions.map((q) => [`${s.id}/${q.id}`, q] as const)));

/** An owner reads the English text (the editor requires it), else the first language written. */
const localized = (t: LocalizedText | undefined, fallback: string): string => localizedText(t, "en", fallback);

export const questionTitle = (index: QuestionIndex, survey: string, answer: Pick<Answer, "question">): string =>
  localized(index.get(`${survey}/${answer.question}`)?.text, answer.question);

const SCORE_NAME: Record<ScoredType, string> = { nps: "NPS", csat: "CSAT", ces: "Effort", thumbs: "Thumbs" };
const range = (type: ScoredType, hi: number) => `${SCORE_NAME[type]} ${SCORE_RANGE[type][0]}–${hi}`;

/** The shared rule of an unhappy answer in words: "NPS 0–6, CSAT 1–2, Effort 1–2, thumbs down". */
export const UNHAPPY_WORDS = (Object.entries(UNHAPPY_MAX) as [ScoredType, number][])
  .map(([type, hi]) => (type === "thumbs" ? "thumbs down" : range(type, hi)))
  .join(", ");

/** A score in short, as a heading says it: "NPS 3", "CSAT 2 / 5", "Thumbs down". */
export function scoreText(answer: Pick<Answer, "type" | "value">): string {
  if (answer.type === "thumbs") return answer.value === 1 ? "Thumbs up" : "Thumbs down";
  const type = answer.type as ScoredType;
  return type === "nps"
    ? `NPS ${answer.value}`
    : `${SCORE_NAME[type] ?? type} ${answer.value} / ${SCORE_RANGE[type][1]}`;
}

/** The answer as plain text (always rendered as a text node, never as HTML). */
export function answerText(index: QuestionIndex, survey: string, answer: Answer): string {
  if (answer.type === "thumbs") return answer.value === 1 ? "Thumbs up" : "Thumbs down";
  const q = index.get(`${survey}/${answer.question}`);
  const option = (id: string) => localized(q?.options?.find((o) => o.id === id)?.text, id);
  if (Array.isArray(answer.value)) return answer.value.map(option).join(", ");
  if (answer.type === "choice" && typeof answer.value === "string") return option(answer.value);
  const max = answer.type in SCORE_RANGE ? SCORE_RANGE[answer.type as ScoredType][1] : undefined;
  return max !== undefined && typeof answer.value === "number" ? `${answer.value} / ${max}` : String(answer.value);
}
