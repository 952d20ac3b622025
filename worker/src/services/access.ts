/**
 * Who may do what on a site: the caller's membership role, capped by an API token's scope
 * (shared/constants.ts ROLES, SCOPE_ROLE). Every owner route of a site goes through `requireSiteRole`.
 */
import { type Role, roleAllows, SCOPE_ROLE, weakerRole } from "../../../shared/constants";
import * as sites from "../db/sites";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import type { Caller } from "./auth";

/** A site the caller may act on, with the role the caller acts with. */
export type SiteAccess = sites.SiteRow & { role: Role };

/** The role the caller acts with on a site where its account has `memberRole`. */
export const effectiveRole = (caller: Caller, memberRole: Role): Role =>
  caller.token ? weakerRole(memberRole, SCOPE_ROLE[caller.token.scope]) : memberRole;

/**
 * The site, if the caller may act on it with at least `needed`: 404 when it does not exist (or is being
 * deleted), 403 when the caller is not a member, its token is for another site, or its role is too weak.
 */
export async function requireSiteRole(
  db: D1Database,
  caller: Caller,
  siteId: string,
  needed: Role,
): Promise<SiteAccess> {
  const row = await withD1Retry(() => sites.findSiteWithRole(db, siteId, caller.ownerId));
  if (!row) throw new ApiError("not_found", "no such site");
  const { member_role: memberRole, ...site } = row;
  if (!memberRole || (caller.token && caller.token.siteId !== site.id)) {
    throw new ApiError("forbidden", "this site belongs to another account");
  }
  const role = effectiveRole(caller, memberRole);
  if (!roleAllows(role, needed)) {
    const as = caller.token ? `this token (scope ${caller.token.scope})` : `your role (${role})`;
    throw new ApiError("forbidden", `${as} cannot do this: it needs the ${needed} role`);
  }
  return { ...site, role };
}

/** Account-level actions (creating sites, deleting the account) are for signed-in people, not API tokens. */
export function requireSession(caller: Caller, what: string): void {
  if (caller.token) throw new ApiError("forbidden", `an API token cannot ${what}`);
}
