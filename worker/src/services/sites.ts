/** Sites and their ownership: every owner route goes through `requireSite`. */
import type { z } from "zod";
import type { siteInputSchema, sitePatchSchema } from "../../../shared/schemas";
import type { Site } from "../../../shared/types";
import * as sites from "../db/sites";
import { ApiError } from "../errors";
import { newId } from "../lib/crypto";
import { nowIso, today } from "../lib/time";
import type { Caller } from "./auth";
import { forgetSite } from "./site-cache";

export async function createSite(
  db: D1Database,
  ownerId: string,
  input: z.infer<typeof siteInputSchema>,
): Promise<Site> {
  const now = nowIso();
  const row: sites.SiteRow = {
    id: newId("site"),
    owner_id: ownerId,
    key: newId("pk", 20),
    name: input.name,
    origins: JSON.stringify([...new Set(input.origins)]),
    retention_days: input.retentionDays,
    fatigue_days: input.fatigueDays,
    policy_url: input.policyUrl ?? null,
    policy_version: input.policyVersion ?? today(),
    created_at: now,
    updated_at: now,
  };
  await sites.insertSite(db, row);
  return sites.toSite(row);
}

/** The site, if the caller may act on it: 404 when it does not exist, 403 when it is someone else's. */
export async function requireSite(db: D1Database, caller: Caller, siteId: string): Promise<sites.SiteRow> {
  const site = await sites.findSiteById(db, siteId);
  if (!site) throw new ApiError("not_found", "no such site");
  if (site.owner_id !== caller.ownerId || (caller.tokenSiteId && caller.tokenSiteId !== site.id)) {
    throw new ApiError("forbidden", "this site belongs to another account");
  }
  return site;
}

export async function updateSite(
  db: D1Database,
  site: sites.SiteRow,
  patch: z.infer<typeof sitePatchSchema>,
): Promise<Site> {
  const row: sites.SiteRow = {
    ...site,
    name: patch.name ?? site.name,
    origins: patch.origins ? JSON.stringify([...new Set(patch.origins)]) : site.origins,
    retention_days: patch.retentionDays ?? site.retention_days,
    fatigue_days: patch.fatigueDays ?? site.fatigue_days,
    policy_url: patch.policyUrl === undefined ? site.policy_url : patch.policyUrl,
    policy_version: patch.policyVersion ?? site.policy_version,
    updated_at: nowIso(),
  };
  await sites.updateSite(db, row);
  forgetSite(row.id);
  return sites.toSite(row);
}

/** The caller's sites (a bearer token sees only its own site). */
export async function listSites(db: D1Database, caller: Caller): Promise<Site[]> {
  const rows = await sites.listSitesOfOwner(db, caller.ownerId);
  return rows.filter((r) => !caller.tokenSiteId || r.id === caller.tokenSiteId).map(sites.toSite);
}

export const siteView = (row: sites.SiteRow): Site => sites.toSite(row);
