/**
 * The site and survey a submission names, read in one query and kept in the isolate for
 * 30 seconds: ingestion then spends its D1 time on the write (D1 runs one query at a time).
 * Owner edits made through this isolate drop the entry at once; other isolates see them
 * within the TTL (an origin removed, a question added: at most 30 s late). An older version of a
 * survey never changes once stored, so it is kept as long as there is room.
 */
import type { Survey } from "../../../shared/types";
import * as sites from "../db/sites";
import * as surveys from "../db/surveys";

export const SITE_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 1000;

export interface SiteAndSurvey {
  site: { id: string; key: string; origins: string[] };
  /** The survey as of the version asked for (or its current one); null when the site has no such survey. */
  survey: Survey | null;
  /** Its current version (its schedule says whether it takes new responses). */
  current: Survey | null;
  /** False when a version was asked for that was never stored. */
  versionFound: boolean;
}

const current = new Map<string, { at: number; value: SiteAndSurvey }>();
const versions = new Map<string, Survey | null>();

const remember = <K, V>(map: Map<K, V>, key: K, value: V) => {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
};

async function currentOf(db: D1Database, siteKey: string, surveyId: string, now: number) {
  const key = `${siteKey}\n${surveyId}`;
  const hit = current.get(key);
  if (hit && now - hit.at < SITE_CACHE_TTL_MS) return hit.value;
  const row = await sites.findSiteWithSurvey(db, siteKey, surveyId);
  if (!row) return null; // unknown sites are not cached: a new site works at once
  const survey = row.survey_id
    ? surveys.toSurvey({
        id: row.survey_id,
        name: row.survey_name!,
        definition: row.definition!,
        version: row.version!,
        active: row.active!,
      })
    : null;
  const value: SiteAndSurvey = {
    site: { id: row.site_id, key: siteKey, origins: sites.originsOf(row) },
    survey,
    current: survey,
    versionFound: true,
  };
  remember(current, key, { at: now, value });
  return value;
}

/** The site of `siteKey` and its survey `surveyId`, as of `version` when given. */
export async function siteAndSurvey(
  db: D1Database,
  siteKey: string,
  surveyId: string,
  version?: number,
  now = Date.now(),
): Promise<SiteAndSurvey | null> {
  const found = await currentOf(db, siteKey, surveyId, now);
  if (!found?.survey || version === undefined || version === found.survey.version) return found;
  const key = `${found.site.id}\n${surveyId}\n${version}`;
  let old = versions.get(key);
  if (old === undefined) {
    const row = await surveys.findSurveyVersion(db, found.site.id, surveyId, version);
    old = row ? surveys.toSurvey(row) : null;
    // A version above the current one may still be saved by another isolate: not cached as missing.
    if (old || version < found.survey.version) remember(versions, key, old);
  }
  return { ...found, survey: old ?? found.survey, versionFound: old !== null };
}

/** Drops every cached entry of a site (after its settings or one of its surveys changed). */
export function forgetSite(siteId: string): void {
  for (const [k, v] of current) if (v.value.site.id === siteId) current.delete(k);
}
