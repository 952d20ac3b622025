/** SQL of surveys. The definition (questions, trigger, theme, reward) is one JSON column. */
import type { Survey } from "../../../shared/types";

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

export type SurveyDefinition = Pick<Survey, "questions" | "trigger" | "theme" | "reward">;

export const toSurvey = (r: SurveyRow): Survey => {
  const d = JSON.parse(r.definition) as SurveyDefinition;
  return {
    id: r.id,
    name: r.name,
    active: r.active === 1,
    version: r.version,
    questions: d.questions,
    trigger: d.trigger,
    theme: d.theme,
    ...(d.reward ? { reward: d.reward } : {}),
  };
};

export const findSurvey = (db: D1Database, siteId: string, id: string) =>
  db
    .prepare("SELECT * FROM surveys WHERE site_id = ?1 AND id = ?2 AND deleted_at IS NULL")
    .bind(siteId, id)
    .first<SurveyRow>();

export const listSurveys = async (db: D1Database, siteId: string, activeOnly = false) =>
  (
    await db
      .prepare(
        `SELECT * FROM surveys WHERE site_id = ?1 AND deleted_at IS NULL ${activeOnly ? "AND active = 1" : ""}
         ORDER BY created_at, id`,
      )
      .bind(siteId)
      .all<SurveyRow>()
  ).results;

export const insertSurvey = (db: D1Database, r: SurveyRow) =>
  db
    .prepare(
      `INSERT INTO surveys (id, site_id, name, definition, version, active, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(r.id, r.site_id, r.name, r.definition, r.version, r.active, r.created_at, r.updated_at)
    .run();

export const updateSurvey = (db: D1Database, r: Omit<SurveyRow, "created_at" | "version">) =>
  db
    .prepare(
      `UPDATE surveys SET name = ?3, definition = ?4, active = ?5, updated_at = ?6, version = version + 1
     WHERE site_id = ?1 AND id = ?2 AND deleted_at IS NULL`,
    )
    .bind(r.site_id, r.id, r.name, r.definition, r.active, r.updated_at)
    .run();

/** Hides a survey at once (config, ingestion, owner routes); its rows are deleted in chunks afterwards. */
export const markSurveyDeleted = async (db: D1Database, siteId: string, id: string, at: string) =>
  (
    await db
      .prepare("UPDATE surveys SET deleted_at = ?3 WHERE site_id = ?1 AND id = ?2 AND deleted_at IS NULL RETURNING id")
      .bind(siteId, id, at)
      .all()
  ).results.length;
