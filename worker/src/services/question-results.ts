/**
 * The summary's results beyond the scores: the shares of every choice and multi question (with
 * Wilson 95% intervals), thumbs up, and the funnel from "shown" to each question. Versions are
 * joined by question id: a question's type and options come from the latest version that has it.
 */
import { round, wilson } from "../../../shared/stats";
import type { Funnel, OptionShare, Question, QuestionResult, Summary } from "../../../shared/types";
import type { SummaryData } from "../db/aggregates";

/** The questions of each survey, merged over its versions (latest first), in survey order. */
export type SurveyQuestions = Map<string, Question[]>;

export function mergeVersions(rows: { survey_id: string; definition: string }[]): SurveyQuestions {
  const bySurvey: SurveyQuestions = new Map();
  for (const row of rows) {
    const known = bySurvey.get(row.survey_id) ?? [];
    bySurvey.set(row.survey_id, known);
    for (const q of (JSON.parse(row.definition) as { questions: Question[] }).questions) {
      if (!known.some((k) => k.id === q.id)) known.push(q);
    }
  }
  return bySurvey;
}

const percent = (count: number, n: number) => (n > 0 ? round((100 * count) / n, 1) : null);

function optionShare(id: string, count: number, answered: number): OptionShare {
  const interval = wilson(count, answered);
  return { id, count, share: percent(count, answered), low: interval?.low ?? null, high: interval?.high ?? null };
}

export function questionResults(
  data: SummaryData,
  surveys: SurveyQuestions,
): Pick<Summary, "questions" | "thumbs" | "funnel" | "completed"> {
  const key = (survey: string, question: string) => `${survey}\n${question}`;
  const counts = new Map(data.questions.map((q) => [key(q.survey, q.question), q]));
  const chosen = new Map<string, Map<string, number>>();
  for (const o of data.options) {
    const k = key(o.survey, o.question);
    chosen.set(k, (chosen.get(k) ?? new Map()).set(o.option, o.count));
  }
  const questions: QuestionResult[] = [];
  const funnelQuestions: Funnel["questions"] = [];
  for (const [survey, list] of surveys) {
    for (const q of list) {
      const c = counts.get(key(survey, q.id));
      if (c) funnelQuestions.push({ id: q.id, survey, reached: c.reached, answered: c.answered });
      if (q.type !== "choice" && q.type !== "multi") continue;
      const answered = c?.answered ?? 0;
      const picks = chosen.get(key(survey, q.id)) ?? new Map<string, number>();
      // Every option of the definition (0 when nobody chose it), then any an earlier version had.
      const ids = [
        ...(q.options ?? []).map((o) => o.id),
        ...[...picks.keys()].filter((id) => !q.options?.some((o) => o.id === id)),
      ];
      questions.push({
        id: q.id,
        survey,
        type: q.type,
        count: answered,
        options: ids.map((id) => optionShare(id, picks.get(id) ?? 0, answered)),
      });
    }
  }
  const thumbs = data.histograms.filter((h) => h.type === "thumbs");
  const up = thumbs.reduce((sum, h) => sum + h.h[1]!, 0);
  const thumbsCount = thumbs.reduce((sum, h) => sum + h.h[0]! + h.h[1]!, 0);
  const thumbsInterval = wilson(up, thumbsCount);
  const event = (name: string) => (data.events ? (data.events.find((e) => e.event === name)?.count ?? 0) : null);
  const started = data.responses.reduce((sum, r) => sum + r.count, 0);
  const completed = data.responses.reduce((sum, r) => sum + r.completed, 0);
  return {
    completed,
    thumbs: {
      share: percent(up, thumbsCount),
      count: thumbsCount,
      low: thumbsInterval?.low ?? null,
      high: thumbsInterval?.high ?? null,
    },
    questions,
    funnel: {
      shown: event("shown"),
      declined: event("declined"),
      dismissed: event("dismissed"),
      started,
      completed,
      questions: funnelQuestions,
    },
  };
}
