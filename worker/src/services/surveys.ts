/**
 * Surveys: validated definitions, a new version on every save. A question id keeps its meaning
 * across versions (results join versions by it), so a save that would give a question with
 * answers another type is refused: the owner gives the new question a new id.
 */
import type { z } from "zod";
import type { surveyInputSchema } from "../../../shared/schemas";
import { isOpen } from "../../../shared/targeting";
import type { Survey, SurveyHistory } from "../../../shared/types";
import * as surveys from "../db/surveys";
import { ApiError, invalid } from "../errors";
import { newId } from "../lib/crypto";
import { withD1Retry } from "../lib/d1-retry";
import { nowIso } from "../lib/time";
import { forgetSite } from "./site-cache";

type SurveyInput = z.infer<typeof surveyInputSchema>;

/** Everything but what the surveys table holds in columns. */
const definitionOf = (s: SurveyInput): string => {
  const { id: _id, name: _name, active: _active, ...definition } = s;
  return JSON.stringify(definition);
};

export async function createSurvey(db: D1Database, siteId: string, input: SurveyInput): Promise<Survey> {
  const now = nowIso();
  const row: surveys.SurveyRow = {
    id: newId("srv"),
    site_id: siteId,
    name: input.name,
    definition: definitionOf(input),
    version: 1,
    active: input.active ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await surveys.insertSurvey(db, row);
  forgetSite(siteId);
  return surveys.toSurvey(row);
}

export async function replaceSurvey(db: D1Database, siteId: string, id: string, input: SurveyInput): Promise<Survey> {
  if (input.id !== undefined && input.id !== id) {
    throw new ApiError("invalid_body", "id: does not match the survey in the path");
  }
  const current = await surveys.findSurvey(db, siteId, id);
  if (!current) throw new ApiError("unknown_survey", "no such survey on this site");
  const answered = new Set((await surveys.answeredQuestions(db, siteId, id)).map((a) => a.question_id));
  const before = new Map(surveys.toSurvey(current).questions.map((q) => [q.id, q.type]));
  const issues = input.questions.flatMap((q, i) => {
    const was = before.get(q.id);
    return was !== undefined && was !== q.type && answered.has(q.id)
      ? [
          {
            path: `questions[${i}].type`,
            message: `question "${q.id}" has answers as ${was}: give the ${q.type} question a new id`,
          },
        ]
      : [];
  });
  if (issues.length) throw invalid(issues);
  const version = await surveys.updateSurvey(db, {
    id,
    site_id: siteId,
    name: input.name,
    definition: definitionOf(input),
    active: input.active ? 1 : 0,
    updated_at: nowIso(),
  });
  if (version === null) throw new ApiError("unknown_survey", "no such survey on this site");
  forgetSite(siteId);
  return getSurvey(db, siteId, id);
}

export async function listSurveys(db: D1Database, siteId: string): Promise<Survey[]> {
  return (await surveys.listSurveys(db, siteId)).map(surveys.toSurvey);
}

export async function getSurvey(db: D1Database, siteId: string, id: string): Promise<Survey> {
  const row = await surveys.findSurvey(db, siteId, id);
  if (!row) throw new ApiError("unknown_survey", "no such survey on this site");
  return surveys.toSurvey(row);
}

/** Every version of a survey, and which question ids have answers (the editor warns before changing their type). */
export async function surveyHistory(db: D1Database, siteId: string, id: string): Promise<SurveyHistory> {
  const current = await getSurvey(db, siteId, id);
  const [versions, answered] = await Promise.all([
    surveys.listVersions(db, siteId, id),
    surveys.answeredQuestions(db, siteId, id),
  ]);
  const typeOf = new Map<string, string>();
  for (const v of [...versions].reverse()) {
    for (const q of (JSON.parse(v.definition) as surveys.SurveyDefinition).questions) typeOf.set(q.id, q.type);
  }
  return {
    survey: current.id,
    version: current.version,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.created_at,
      questions: (JSON.parse(v.definition) as surveys.SurveyDefinition).questions.map((q) => q.id),
    })),
    answered: answered.map((a) => ({
      id: a.question_id,
      type: typeOf.get(a.question_id) ?? "",
      answers: Number(a.answered),
    })),
  };
}

/** Whether the survey takes new responses at `now` by its schedule and quota (only a quota costs a count). */
export async function withinSchedule(db: D1Database, siteId: string, survey: Survey, now: number): Promise<boolean> {
  const schedule = survey.schedule;
  if (!schedule) return true;
  const quota = schedule.maxResponses !== undefined;
  const completed = quota ? await withD1Retry(() => surveys.completedOfSurvey(db, siteId, survey.id)) : 0;
  return isOpen(schedule, now, completed);
}
