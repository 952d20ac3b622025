/** SQL of sites. `origins` is stored as a JSON array; a site marked `deleted_at` is gone for every lookup. */
import type { Role } from "../../../shared/constants";
import type { Site } from "../../../shared/types";

export interface SiteRow {
  id: string;
  owner_id: string;
  key: string;
  name: string;
  origins: string;
  retention_days: number;
  fatigue_days: number;
  policy_url: string | null;
  policy_version: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The allowed origins of a site (a JSON array in the row). */
export const originsOf = (r: Pick<SiteRow, "origins">): string[] => JSON.parse(r.origins) as string[];

export const toSite = (r: SiteRow, role: Role): Site => ({
  id: r.id,
  key: r.key,
  name: r.name,
  origins: originsOf(r),
  retentionDays: r.retention_days,
  policyUrl: r.policy_url,
  fatigueDays: r.fatigue_days,
  policyVersion: r.policy_version,
  createdAt: r.created_at,
  role,
});

export const findSiteByKey = (db: D1Database, key: string) =>
  db.prepare("SELECT * FROM sites WHERE key = ?1 AND deleted_at IS NULL").bind(key).first<SiteRow>();

export type SiteWithRoleRow = SiteRow & { member_role: Role | null };

/** The site (unless deleted) and the account's role on it (null when not a member). */
export const findSiteWithRole = (db: D1Database, siteId: string, ownerId: string) =>
  db
    .prepare(
      `SELECT s.*, m.role AS member_role FROM sites s
       LEFT JOIN site_members m ON m.site_id = s.id AND m.owner_id = ?2
       WHERE s.id = ?1 AND s.deleted_at IS NULL`,
    )
    .bind(siteId, ownerId)
    .first<SiteWithRoleRow>();

/** The sites the account is a member of, with its role on each. */
export const listSitesOfMember = async (db: D1Database, ownerId: string) =>
  (
    await db
      .prepare(
        `SELECT s.*, m.role AS member_role FROM site_members m JOIN sites s ON s.id = m.site_id
         WHERE m.owner_id = ?1 AND s.deleted_at IS NULL ORDER BY s.created_at, s.id`,
      )
      .bind(ownerId)
      .all<SiteWithRoleRow>()
  ).results;

const originStatements = (db: D1Database, r: SiteRow) => [
  db.prepare("DELETE FROM site_origins WHERE site_id = ?1").bind(r.id),
  ...originsOf(r).map((o) => db.prepare("INSERT INTO site_origins (origin, site_id) VALUES (?1, ?2)").bind(o, r.id)),
];

export const insertSite = (db: D1Database, r: SiteRow) =>
  db.batch([
    db
      .prepare(
        `INSERT INTO sites (id, owner_id, key, name, origins, retention_days, policy_url, policy_version, created_at,
                            updated_at, fatigue_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
      )
      .bind(
        r.id,
        r.owner_id,
        r.key,
        r.name,
        r.origins,
        r.retention_days,
        r.policy_url,
        r.policy_version,
        r.created_at,
        r.updated_at,
        r.fatigue_days,
      ),
    ...originStatements(db, r),
  ]);

export const updateSite = (db: D1Database, r: SiteRow) =>
  db.batch([
    db
      .prepare(
        `UPDATE sites SET name = ?2, origins = ?3, retention_days = ?4, policy_url = ?5, policy_version = ?6,
                          updated_at = ?7, fatigue_days = ?8
         WHERE id = ?1`,
      )
      .bind(r.id, r.name, r.origins, r.retention_days, r.policy_url, r.policy_version, r.updated_at, r.fatigue_days),
    ...originStatements(db, r),
  ]);

/** Whether any site allows `origin` (CORS preflights carry no site key). */
export const isKnownOrigin = async (db: D1Database, origin: string) =>
  (await db.prepare("SELECT 1 AS ok FROM site_origins WHERE origin = ?1 LIMIT 1").bind(origin).first()) !== null;

/** The statements that hide a site at once: the mark every lookup honours, and its origins (CORS preflights). */
export const markSiteDeletedStatements = (db: D1Database, siteId: string, at: string) => [
  db.prepare("UPDATE sites SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL").bind(siteId, at),
  db.prepare("DELETE FROM site_origins WHERE site_id = ?1").bind(siteId),
];

export interface SiteWithSurveyRow {
  site_id: string;
  origins: string;
  survey_id: string | null;
  survey_name: string | null;
  definition: string | null;
  version: number | null;
  active: number | null;
  created_at: string;
  updated_at: string;
}

/** The site of a public key and one of its surveys (null columns when the survey is not there), in one query. */
export const findSiteWithSurvey = (db: D1Database, siteKey: string, surveyId: string) =>
  db
    .prepare(
      `SELECT s.id AS site_id, s.origins, v.id AS survey_id, v.name AS survey_name, v.definition, v.version, v.active,
            s.created_at, s.updated_at
     FROM sites s LEFT JOIN surveys v ON v.site_id = s.id AND v.id = ?2 AND v.deleted_at IS NULL
     WHERE s.key = ?1 AND s.deleted_at IS NULL`,
    )
    .bind(siteKey, surveyId)
    .first<SiteWithSurveyRow>();
