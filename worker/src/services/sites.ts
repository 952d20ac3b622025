/** Sites: created by an account (which becomes its first owner), listed with the caller's role, edited. */
import type { z } from "zod";
import type { siteInputSchema, sitePatchSchema } from "../../../shared/schemas";
import type { Site } from "../../../shared/types";
import * as sites from "../db/sites";
import { newId } from "../lib/crypto";
import { nowIso, today } from "../lib/time";
import { effectiveRole, type SiteAccess } from "./access";
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
    deleted_at: null,
  };
  // A trigger makes the creator the site's owner (worker/migrations/0004_teams.sql).
  await sites.insertSite(db, row);
  return sites.toSite(row, "owner");
}

export async function updateSite(
  db: D1Database,
  site: SiteAccess,
  patch: z.infer<typeof sitePatchSchema>,
): Promise<Site> {
  const { role, ...current } = site;
  const row: sites.SiteRow = {
    ...current,
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
  return sites.toSite(row, role);
}

/** The caller's sites with its role on each (a bearer token sees only its own site, with its scope's role). */
export async function listSites(db: D1Database, caller: Caller): Promise<Site[]> {
  const rows = await sites.listSitesOfMember(db, caller.ownerId);
  return rows
    .filter((r) => !caller.token || r.id === caller.token.siteId)
    .map(({ member_role, ...site }) => sites.toSite(site, effectiveRole(caller, member_role!)));
}

export const siteView = ({ role, ...row }: SiteAccess): Site => sites.toSite(row, role);
