/** How an answer reads to an owner: question titles and option labels instead of ids, scales with their range. */
import { SCORE_RANGE, type ScoredType } from "../../shared/constants";
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

/** The answer as plain text (always rendered as a text node, never as HTML). */
export function answerText(index: QuestionIndex, survey: string, answer: Answer): string {
  const q = index.get(`${survey}/${answer.question}`);
  const option = (id: string) => localized(q?.options?.find((o) => o.id === id)?.text, id);
  if (Array.isArray(answer.value)) return answer.value.map(option).join(", ");
  if (answer.type === "choice" && typeof answer.value === "string") return option(answer.value);
  const max = answer.type in SCORE_RANGE ? SCORE_RANGE[answer.type as ScoredType][1] : undefined;
  return max !== undefined && typeof answer.value === "number" ? `${answer.value} / ${max}` : String(answer.value);
}
