/**
 * The site and survey a submission names, read in one query and kept in the isolate, so that
 * ingestion makes no D1 query for them (D1 runs one query at a time; in queue mode the route then
 * makes none at all). How an owner's edit reaches every isolate:
 * - a submission naming a survey version newer than the cached one reloads it at once (the widget
 *   only knows a version from a config read after the edit);
 * - every entry is reloaded after SITE_CACHE_TTL_MS (an origin removed, a survey closed: seen
 *   within seconds);
 * - edits made through this isolate drop the site's entries at once (`forgetSite`).
 * The signing secret of a site whose surveys take signed links is kept the same way (`linkSecretOf`):
 * a signature it does not verify is checked again against a fresh read, so a rotation made through
 * another isolate never refuses a link signed with the new secret.
 * Concurrent misses share one read (like an unknown site key, an unknown version costs one read per
 * request; the public rate limit bounds both). The request that starts a shared read keeps it in its
 * `waitUntil`: Workers cancel what waits on a promise of a request that ended (its client gone), so
 * the others waiting on the read could otherwise fail with it. An older version of a survey never
 * changes once stored, so it is kept as long as there is room.
 */
import type { Survey } from "../../../shared/types";
import { findLinkSecret, type LinkSecretRow } from "../db/links";
import * as sites from "../db/sites";
import * as surveys from "../db/surveys";
import type { KeepAlive } from "../lib/keep-alive";

export const SITE_CACHE_TTL_MS = 5_000;
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

interface Entry {
  at: number;
  value: SiteAndSurvey;
}

const current = new Map<string, Entry>();
const loading = new Map<string, Promise<Entry | null>>();
const versions = new Map<string, Survey | null>();

/** Oldest first out: a flood of unknown surveys cannot empty the cache of the ones in use. */
function remember<K, V>(map: Map<K, V>, key: K, value: V) {
  map.delete(key);
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

async function load(db: D1Database, siteKey: string, surveyId: string, now: number): Promise<Entry | null> {
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
  const entry = { at: now, value };
  remember(current, `${siteKey}\n${surveyId}`, entry);
  return entry;
}

/** One read for every request that misses the same entry at the same time. */
function reload(db: D1Database, siteKey: string, surveyId: string, now: number, keepAlive?: KeepAlive) {
  const key = `${siteKey}\n${surveyId}`;
  let pending = loading.get(key);
  if (!pending) {
    pending = load(db, siteKey, surveyId, now).finally(() => loading.delete(key));
    loading.set(key, pending);
    keepAlive?.(pending.catch(() => {}));
  }
  return pending;
}

const behind = (entry: Entry, version: number | undefined) =>
  version !== undefined && (entry.value.survey === null || entry.value.survey.version < version);

/**
 * The site of `siteKey` and its survey `surveyId`, as of `version` when given; `keepAlive` is the
 * request's `waitUntil`, which keeps a read it starts for others too.
 */
export async function siteAndSurvey(
  db: D1Database,
  siteKey: string,
  surveyId: string,
  { version, now = Date.now(), keepAlive }: { version?: number; now?: number; keepAlive?: KeepAlive } = {},
): Promise<SiteAndSurvey | null> {
  let entry = current.get(`${siteKey}\n${surveyId}`) ?? null;
  // A newer version than cached: the survey was saved since (or the version does not exist: a read tells).
  if (!entry || now - entry.at >= SITE_CACHE_TTL_MS || behind(entry, version)) {
    entry = await reload(db, siteKey, surveyId, now, keepAlive);
  }
  const found = entry?.value ?? null;
  if (!found?.survey || version === undefined || version === found.survey.version) return found;
  // A version above the one just read was never saved.
  if (version > found.survey.version) return { ...found, versionFound: false };
  const key = `${found.site.id}\n${surveyId}\n${version}`;
  let old = versions.get(key);
  if (old === undefined) {
    const row = await surveys.findSurveyVersion(db, found.site.id, surveyId, version);
    old = row ? surveys.toSurvey(row) : null;
    remember(versions, key, old);
  }
  return { ...found, survey: old ?? found.survey, versionFound: old !== null };
}

/** Drops every cached entry of a site (after its settings or one of its surveys changed). */
export function forgetSite(siteId: string): void {
  for (const [k, v] of current) if (v.value.site.id === siteId) current.delete(k);
}

const secrets = new Map<string, { at: number; row: LinkSecretRow | null }>();

/** The site's signing secrets as stored (or null before its first link): from the isolate unless `fresh`. */
export async function linkSecretOf(db: D1Database, siteId: string, fresh = false): Promise<LinkSecretRow | null> {
  const now = Date.now();
  const hit = secrets.get(siteId);
  if (hit && !fresh && now - hit.at < SITE_CACHE_TTL_MS) return hit.row;
  const row = await findLinkSecret(db, siteId);
  remember(secrets, siteId, { at: now, row });
  return row;
}

/** Drops the site's cached secret (after a rotation through this isolate). */
export const forgetLinkSecret = (siteId: string): void => void secrets.delete(siteId);
