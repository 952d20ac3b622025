/** Owner routes of a site's team: members, invitations (by link), roles; and accepting an invitation. */
import { Hono } from "hono";
import { memberInputSchema, memberPatchSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { callerOf, requireOwner, siteAccess } from "../middleware/owner-auth";
import { requireSession } from "../services/access";
import { acceptInvitation, changeRole, inviteMember, listMembers, removeMember } from "../services/members";

export const teamRoutes = new Hono<AppEnv>();
teamRoutes.use("*", requireOwner);

teamRoutes.post("/:siteId/members", async (c) => {
  const site = await siteAccess(c, "owner");
  const input = parseOr400(memberInputSchema, await readJsonBody(c.req.raw));
  return c.json(await inviteMember(c.env.DB, site.id, input, c.req.url), 201);
});

teamRoutes.get("/:siteId/members", async (c) => c.json(await listMembers(c.env.DB, (await siteAccess(c, "owner")).id)));

teamRoutes.patch("/:siteId/members/:memberId", async (c) => {
  const site = await siteAccess(c, "owner");
  const { role } = parseOr400(memberPatchSchema, await readJsonBody(c.req.raw));
  return c.json(await changeRole(c.env.DB, site.id, c.req.param("memberId"), role));
});

/** Removes a member or revokes a pending invitation; the last owner stays (422 last_owner). */
teamRoutes.delete("/:siteId/members/:memberId", async (c) => {
  const site = await siteAccess(c, "owner");
  await removeMember(c.env.DB, site.id, c.req.param("memberId"));
  return c.body(null, 204);
});

/** Mounted at /api/invitations: the signed-in account (with the invited email) joins the site. */
export const invitationRoutes = new Hono<AppEnv>();
invitationRoutes.use("*", requireOwner);

invitationRoutes.post("/:token/accept", async (c) => {
  requireSession(callerOf(c), "accept invitations");
  return c.json(await acceptInvitation(c.env.DB, c.req.param("token"), callerOf(c).ownerId));
});
