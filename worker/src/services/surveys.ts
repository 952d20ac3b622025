/** Surveys: validated definitions, versioned on every change. */
import type { z } from "zod";
import type { surveyInputSchema } from "../../../shared/schemas";
import type { Survey } from "../../../shared/types";
import * as surveys from "../db/surveys";
import { ApiError } from "../errors";
import { newId } from "../lib/crypto";
import { nowIso } from "../lib/time";
import { forgetSite } from "./site-cache";

type SurveyInput = z.infer<typeof surveyInputSchema>;

const definitionOf = (s: SurveyInput): string =>
  JSON.stringify({
    questions: s.questions,
    trigger: s.trigger,
    theme: s.theme,
    ...(s.reward ? { reward: s.reward } : {}),
  });

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
  return surveys.toSurvey(row);
}

export async function replaceSurvey(db: D1Database, siteId: string, id: string, input: SurveyInput): Promise<Survey> {
  if (input.id !== undefined && input.id !== id)
    throw new ApiError("invalid_body", "id: does not match the survey in the path");
  const result = await surveys.updateSurvey(db, {
    id,
    site_id: siteId,
    name: input.name,
    definition: definitionOf(input),
    active: input.active ? 1 : 0,
    updated_at: nowIso(),
  });
  if (result.meta.changes !== 1) throw new ApiError("unknown_survey", "no such survey on this site");
  forgetSite(siteId);
  const row = await surveys.findSurvey(db, siteId, id);
  return surveys.toSurvey(row!);
}

export async function listSurveys(db: D1Database, siteId: string): Promise<Survey[]> {
  return (await surveys.listSurveys(db, siteId)).map(surveys.toSurvey);
}

export async function getSurvey(db: D1Database, siteId: string, id: string): Promise<Survey> {
  const row = await surveys.findSurvey(db, siteId, id);
  if (!row) throw new ApiError("unknown_survey", "no such survey on this site");
  return surveys.toSurvey(row);
}
