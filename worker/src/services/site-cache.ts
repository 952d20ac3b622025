/**
 * The site and survey a submission names, read in one query and kept in the isolate for
 * 30 seconds: ingestion then spends its D1 time on the write (D1 runs one query at a time).
 * Owner edits made through this isolate drop the entry at once; other isolates see them
 * within the TTL (an origin removed, a question added: at most 30 s late).
 */

import type { Survey } from "../../../shared/types";
import * as sites from "../db/sites";
import * as surveys from "../db/surveys";

export const SITE_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 1000;

export interface SiteAndSurvey {
  site: { id: string; key: string; origins: string[] };
  survey: Survey | null;
}

const cache = new Map<string, { at: number; value: SiteAndSurvey }>();

export async function siteAndSurvey(
  db: D1Database,
  siteKey: string,
  surveyId: string,
  now = Date.now(),
): Promise<SiteAndSurvey | null> {
  const key = `${siteKey}\n${surveyId}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < SITE_CACHE_TTL_MS) return hit.value;
  const row = await sites.findSiteWithSurvey(db, siteKey, surveyId);
  if (!row) return null; // unknown sites are not cached: a new site works at once
  const value: SiteAndSurvey = {
    site: { id: row.site_id, key: siteKey, origins: JSON.parse(row.origins) as string[] },
    survey: row.survey_id
      ? surveys.toSurvey({
          ...row,
          id: row.survey_id,
          site_id: row.site_id,
          name: row.survey_name!,
          definition: row.definition!,
          version: row.version!,
          active: row.active!,
        })
      : null,
  };
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

/** Drops every cached entry of a site (after its settings or one of its surveys changed). */
export function forgetSite(siteId: string): void {
  for (const [k, v] of cache) if (v.value.site.id === siteId) cache.delete(k);
}
