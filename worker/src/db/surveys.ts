/**
 * SQL of surveys and their versions. The definition (questions, trigger, theme, reward…: all but
 * id, name, active and version) is one JSON column; every save stores a new version beside it.
 */
import { DEFAULT_PRIORITY } from "../../../shared/constants";
import { DEFAULT_TRIGGER } from "../../../shared/targeting";
import type { Survey } from "../../../shared/types";
import type { D1Queries } from "../lib/d1-session";

export interface SurveyRow {
  id: string;
  site_id: string;
  name: string;
  definition: string;
  version: number;
  active: number;
  created_at: string;
  updated_at: string;
  deleted_at?: string | null;
}

export type SurveyDefinition = Omit<Survey, "id" | "name" | "active" | "version">;

export const toSurvey = (r: Pick<SurveyRow, "id" | "name" | "active" | "version" | "definition">): Survey => {
  const definition = JSON.parse(r.definition) as SurveyDefinition;
  return {
    ...definition,
    trigger: { ...DEFAULT_TRIGGER, ...definition.trigger },
    priority: definition.priority ?? DEFAULT_PRIORITY,
    id: r.id,
    name: r.name,
    active: r.active === 1,
    version: r.version,
  };
};

export const findSurvey = (db: D1Database, siteId: string, id: string) =>
  db
    .prepare("SELECT * FROM surveys WHERE site_id = ?1 AND id = ?2 AND deleted_at IS NULL")
    .bind(siteId, id)
    .first<SurveyRow>();

export const listSurveys = async (db: D1Queries, siteId: string, activeOnly = false) =>
  (
    await db
      .prepare(
        `SELECT * FROM surveys WHERE site_id = ?1 AND deleted_at IS NULL ${activeOnly ? "AND active = 1" : ""}
         ORDER BY created_at, id`,
      )
      .bind(siteId)
      .all<SurveyRow>()
  ).results;

/** The survey's current version, stored as version 1 too, in one transaction. */
export const insertSurvey = (db: D1Database, r: SurveyRow) =>
  db.batch([
    db
      .prepare(
        `INSERT INTO surveys (id, site_id, name, definition, version, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(r.id, r.site_id, r.name, r.definition, r.version, r.active, r.created_at, r.updated_at),
    db
      .prepare(
        "INSERT INTO survey_versions (survey_id, version, site_id, definition, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
      )
      .bind(r.id, r.version, r.site_id, r.definition, r.created_at),
  ]);

/** A new version of the survey, kept beside every earlier one. Resolves to the new version (null: no such survey). */
export async function updateSurvey(db: D1Database, r: Omit<SurveyRow, "created_at" | "version">) {
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE surveys SET name = ?3, definition = ?4, active = ?5, updated_at = ?6, version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND deleted_at IS NULL RETURNING version`,
      )
      .bind(r.site_id, r.id, r.name, r.definition, r.active, r.updated_at),
    db
      .prepare(
        `INSERT INTO survey_versions (survey_id, version, site_id, definition, created_at)
         SELECT id, version, site_id, definition, updated_at FROM surveys
         WHERE site_id = ?1 AND id = ?2 AND deleted_at IS NULL`,
      )
      .bind(r.site_id, r.id),
  ]);
  return (updated!.results[0] as { version: number } | undefined)?.version ?? null;
}

/** One stored version of a survey, as it was answered. */
export const findSurveyVersion = (db: D1Database, siteId: string, surveyId: string, version: number) =>
  db
    .prepare(
      `SELECT v.survey_id AS id, s.name, s.active, v.version, v.definition FROM survey_versions v
       JOIN surveys s ON s.id = v.survey_id AND s.deleted_at IS NULL
       WHERE v.site_id = ?1 AND v.survey_id = ?2 AND v.version = ?3`,
    )
    .bind(siteId, surveyId, version)
    .first<Pick<SurveyRow, "id" | "name" | "active" | "version" | "definition">>();

/** The versions of a survey, newest first. */
export const listVersions = async (db: D1Database, siteId: string, surveyId: string) =>
  (
    await db
      .prepare(
        `SELECT version, definition, created_at FROM survey_versions WHERE site_id = ?1 AND survey_id = ?2
         ORDER BY version DESC`,
      )
      .bind(siteId, surveyId)
      .all<{ version: number; definition: string; created_at: string }>()
  ).results;

/** How many answers each question id of the survey has (from the daily counts, so retention does not hide them). */
export const answeredQuestions = async (db: D1Database, siteId: string, surveyId: string) =>
  (
    await db
      .prepare(
        `SELECT question_id, SUM(answered) AS answered FROM daily_questions
         WHERE site_id = ?1 AND survey_id = ?2 GROUP BY question_id HAVING SUM(answered) > 0`,
      )
      .bind(siteId, surveyId)
      .all<{ question_id: string; answered: number }>()
  ).results;

/** Every version of the site's surveys (or of one), newest first: results name questions by them. */
export const versionsOfSite = async (db: D1Queries, siteId: string, surveyId?: string) =>
  (
    await db
      .prepare(
        `SELECT v.survey_id, v.version, v.definition FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
         WHERE v.site_id = ?1 AND (?2 IS NULL OR v.survey_id = ?2) ORDER BY s.created_at, s.id, v.version DESC`,
      )
      .bind(siteId, surveyId ?? null)
      .all<{ survey_id: string; version: number; definition: string }>()
  ).results;

/** Completed responses per survey of a site, from the daily aggregates (kept past retention, erasures removed). */
export async function completedBySurvey(db: D1Database, siteId: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare("SELECT survey_id, SUM(completed) AS completed FROM daily_responses WHERE site_id = ?1 GROUP BY survey_id")
    .bind(siteId)
    .all<{ survey_id: string; completed: number }>();
  return new Map(results.map((r) => [r.survey_id, Number(r.completed)]));
}

/** Completed responses of one survey (the quota of its schedule). */
export async function completedOfSurvey(db: D1Database, siteId: string, surveyId: string): Promise<number> {
  const row = await db
    .prepare("SELECT SUM(completed) AS completed FROM daily_responses WHERE site_id = ?1 AND survey_id = ?2")
    .bind(siteId, surveyId)
    .first<{ completed: number | null }>();
  return Number(row?.completed ?? 0);
}

/** Hides a survey at once (config, ingestion, owner routes); its rows are deleted in chunks afterwards. */
export const markSurveyDeleted = async (db: D1Database, siteId: string, id: string, at: string) =>
  (
    await db
      .prepare("UPDATE surveys SET deleted_at = ?3 WHERE site_id = ?1 AND id = ?2 AND deleted_at IS NULL RETURNING id")
      .bind(siteId, id, at)
      .all()
  ).results.length;
