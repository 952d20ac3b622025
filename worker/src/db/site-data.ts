/**
 * Where a site's data lives, in one place: every table with a `site_id` column (and those with a
 * `survey_id` column), and the bounded statements that delete a site or a survey chunk by chunk.
 * A new table with such a column is added to SITE_TABLES (and SURVEY_TABLES); tests/worker/deletion.test.ts
 * fails while one is missing.
 */

export interface DataTable {
  table: string;
  /** The primary key's columns (`rowid` for an ordinary table), by which a chunk of rows is deleted. */
  key: string;
  /**
   * The table whose deleted rows take this table's rows with them (a trigger): this one is not walked,
   * and needs no index by site to be deleted in bounded chunks.
   */
  deletedWith?: string;
}

/**
 * Tables holding a site's rows, deleted in this order. Responses first: marked expired, their
 * triggers delete answers and context without adjusting aggregates that go anyway; the site's own
 * row goes after all of them (services/deletion.ts).
 */
export const SITE_TABLES: readonly DataTable[] = [
  { table: "responses", key: "rowid" },
  { table: "answers", key: "response_id, question_id", deletedWith: "responses" },
  { table: "response_context", key: "response_id, key" },
  { table: "response_claims", key: "site_id, survey_id, claim" },
  { table: "daily_aggregates", key: "site_id, day, survey_id, question_id, channel" },
  { table: "daily_responses", key: "site_id, day, survey_id, channel" },
  { table: "daily_questions", key: "site_id, day, survey_id, question_id, channel" },
  { table: "daily_options", key: "site_id, day, survey_id, question_id, channel, option_id" },
  { table: "daily_events", key: "site_id, day, survey_id, channel, event" },
  { table: "survey_versions", key: "survey_id, version" },
  { table: "alert_deliveries", key: "rowid" },
  { table: "consent_withdrawals", key: "site_id, respondent_hash, withdrawn_at" },
  { table: "empty_withdrawals", key: "site_id, day" },
  { table: "erasure_fences", key: "site_id, subject" },
  { table: "ingest_drops", key: "site_id, response_id, reason" },
  { table: "context_erasures", key: "rowid" },
  { table: "webhooks", key: "rowid" },
  { table: "link_secrets", key: "site_id" },
  { table: "api_tokens", key: "rowid" },
  { table: "invitations", key: "rowid" },
  { table: "site_members", key: "rowid" },
  { table: "site_origins", key: "origin, site_id" },
  { table: "surveys", key: "rowid" },
];

/** Tables holding a survey's rows (a subset of SITE_TABLES), deleted in this order, the survey's row last. */
export const SURVEY_TABLES: readonly DataTable[] = SITE_TABLES.filter((t) =>
  [
    "responses",
    "answers",
    "response_claims",
    "daily_aggregates",
    "daily_responses",
    "daily_questions",
    "daily_options",
    "daily_events",
    "survey_versions",
  ].includes(t.table),
);

export interface Scope {
  siteId: string;
  /** Only this survey's rows; the whole site's when absent. */
  surveyId?: string;
}

const where = (s: Scope) => (s.surveyId ? "site_id = ?1 AND survey_id = ?2" : "site_id = ?1");
const params = (s: Scope) => (s.surveyId ? [s.siteId, s.surveyId] : [s.siteId, null]);

/**
 * One chunk of at most `limit` rows of `t` in the scope, as one batch (one transaction); the batch's
 * first result lists the rows taken. Responses are marked expired first so that their delete triggers
 * leave the aggregates alone (they are deleted outright), and their alert deliveries go with them.
 */
export function chunkStatements(db: D1Database, t: DataTable, scope: Scope, limit: number): D1PreparedStatement[] {
  const bind = (sql: string) => db.prepare(sql).bind(...params(scope), limit);
  if (t.table === "responses") {
    return [
      bind(
        `UPDATE responses SET expired = 1 WHERE rowid IN (
           SELECT rowid FROM responses WHERE ${where(scope)} LIMIT ?3) RETURNING 1 AS taken`,
      ),
      bind(
        `DELETE FROM alert_deliveries WHERE response_id IN (
           SELECT id FROM responses WHERE ${where(scope)} AND expired = 1 AND ?3 > 0)`,
      ),
      bind(`DELETE FROM responses WHERE ${where(scope)} AND expired = 1 AND ?3 > 0`),
    ];
  }
  return [
    bind(
      `DELETE FROM ${t.table} WHERE (${t.key}) IN (
         SELECT ${t.key} FROM ${t.table} WHERE ${where(scope)} LIMIT ?3) RETURNING 1 AS taken`,
    ),
  ];
}

/** The last row of a scope, once every table is empty: the survey's or the site's own. */
export const deleteScopeRow = (db: D1Database, s: Scope) =>
  s.surveyId
    ? db.prepare("DELETE FROM surveys WHERE site_id = ?1 AND id = ?2").bind(s.siteId, s.surveyId).run()
    : db.prepare("DELETE FROM sites WHERE id = ?1").bind(s.siteId).run();

/** Sites and surveys marked deleted whose rows are still being deleted, oldest first. */
export const pendingDeletions = async (db: D1Database, limit: number) =>
  (
    await db
      .prepare(
        `SELECT id AS siteId, NULL AS surveyId, deleted_at FROM sites WHERE deleted_at IS NOT NULL
         UNION ALL
         SELECT v.site_id, v.id, v.deleted_at FROM surveys v
         WHERE v.deleted_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = v.site_id AND s.deleted_at IS NOT NULL)
         ORDER BY deleted_at LIMIT ?1`,
      )
      .bind(limit)
      .all<{ siteId: string; surveyId: string | null }>()
  ).results;
