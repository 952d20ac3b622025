/** Documentation of a site's team: members, invitations and roles. */
import { z } from "zod";
import { invitationCreatedSchema, memberSchema } from "../../../shared/api-schemas";
import { memberInputSchema, memberPatchSchema } from "../../../shared/schemas";
import { json, noContent, route } from "./registry";

export const teamDocs = [
  route({
    id: "inviteMember",
    method: "post",
    path: "/api/sites/:siteId/members",
    tag: "Team",
    access: "owner",
    summary: "Invite someone by email with a role",
    description:
      "Answers the invitation link once (single use, valid 7 days, stored hashed). Inviting the same email " +
      "again replaces the link. Roles: a viewer reads; an editor also edits surveys and follow-ups; an owner " +
      "also manages the site, its members, tokens, webhooks and deletion.",
    body: memberInputSchema,
    example: { email: "colleague@shop.example", role: "viewer" },
    responses: { 201: json("Invited", invitationCreatedSchema) },
    errors: ["conflict"],
  }),
  route({
    id: "listMembers",
    method: "get",
    path: "/api/sites/:siteId/members",
    tag: "Team",
    access: "owner",
    summary: "Members and pending invitations",
    responses: { 200: json("Members first, then pending invitations", z.array(memberSchema)) },
  }),
  route({
    id: "changeMemberRole",
    method: "patch",
    path: "/api/sites/:siteId/members/:memberId",
    tag: "Team",
    access: "owner",
    summary: "Change a member's (or a pending invitation's) role",
    body: memberPatchSchema,
    example: { role: "editor" },
    responses: { 200: json("Changed", memberSchema) },
    errors: ["last_owner"],
  }),
  route({
    id: "removeMember",
    method: "delete",
    path: "/api/sites/:siteId/members/:memberId",
    tag: "Team",
    access: "owner",
    summary: "Remove a member (their tokens are revoked) or revoke a pending invitation",
    responses: { 204: noContent("Removed") },
    errors: ["last_owner"],
  }),
];
