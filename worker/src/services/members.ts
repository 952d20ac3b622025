/**
 * Members of a site and invitations: an owner invites by email with a role and hands over the link
 * (shown once, single use, expiring, stored as SHA-256); pending invitations are listed and revocable;
 * a site always keeps at least one owner.
 */

import { nanoid } from "nanoid";
import { INVITATION_TTL_DAYS, type Role } from "../../../shared/constants";
import type { InvitationCreated, Member } from "../../../shared/types";
import * as members from "../db/members";
import { ApiError } from "../errors";
import { randomToken, sha256Hex } from "../lib/crypto";
import { nowIso } from "../lib/time";

/** The dashboard's address of an invitation: the token stays in the fragment, never sent in a request line. */
export const invitationLink = (baseUrl: string, token: string) => `${new URL(baseUrl).origin}/#/invite/${token}`;

export async function inviteMember(
  db: D1Database,
  siteId: string,
  input: { email: string; role: Role },
  baseUrl: string,
): Promise<InvitationCreated> {
  if (await members.isMemberEmail(db, siteId, input.email)) {
    throw new ApiError("conflict", `${input.email} is already a member of this site`);
  }
  const token = `inv_${randomToken(32)}`;
  const now = Date.now();
  const invitation = {
    id: `inv_${nanoid()}`,
    siteId,
    email: input.email,
    role: input.role,
    tokenHash: await sha256Hex(token),
    createdAt: nowIso(now),
    expiresAt: nowIso(now + INVITATION_TTL_DAYS * 86_400_000),
  };
  await members.upsertInvitation(db, invitation);
  return {
    id: invitation.id,
    invite: invitationLink(baseUrl, token),
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
  };
}

export async function listMembers(db: D1Database, siteId: string): Promise<Member[]> {
  const rows = await members.listMembers(db, siteId, nowIso());
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    pending: r.pending === 1,
    expiresAt: r.expires_at,
  }));
}

/** Removes a member (their tokens on the site are revoked with them) or revokes a pending invitation. */
export async function removeMember(db: D1Database, siteId: string, memberId: string): Promise<void> {
  if (await members.deleteInvitation(db, siteId, memberId)) return;
  if (await members.deleteMember(db, siteId, memberId, nowIso())) return;
  if (await members.memberExists(db, siteId, memberId)) {
    throw new ApiError("last_owner", "this is the site's last owner: make someone else an owner first");
  }
  throw new ApiError("not_found", "no such member or invitation");
}

export async function changeRole(db: D1Database, siteId: string, memberId: string, role: Role): Promise<Member> {
  const changed =
    (await members.updateInvitationRole(db, siteId, memberId, role)) ||
    (await members.updateMemberRole(db, siteId, memberId, role));
  if (!changed) {
    if (await members.memberExists(db, siteId, memberId)) {
      throw new ApiError("last_owner", "this is the site's last owner: make someone else an owner first");
    }
    throw new ApiError("not_found", "no such member or invitation");
  }
  const member = (await listMembers(db, siteId)).find((m) => m.id === memberId);
  if (!member) throw new ApiError("not_found", "no such member or invitation");
  return member;
}

const refused = () =>
  new ApiError("signup_closed", "this invitation has expired, was used or revoked, or is for another email");

/** The invitation a sign-up presents, if usable for this email (else 403: sign-up through it is closed). */
export async function invitationForSignup(db: D1Database, token: string, email: string) {
  const tokenHash = await sha256Hex(token);
  const invitation = await members.findValidInvitation(db, tokenHash, nowIso());
  if (!invitation || invitation.email !== email) throw refused();
  return { tokenHash, siteId: invitation.site_id, role: invitation.role };
}

export const acceptStatements = (db: D1Database, tokenHash: string, ownerId: string) =>
  members.acceptInvitationStatements(db, tokenHash, ownerId, nowIso());

/** POST /api/invitations/:token/accept: the signed-in account (with the invited email) joins the site. */
export async function acceptInvitation(db: D1Database, token: string, ownerId: string) {
  const [, accepted] = await db.batch(acceptStatements(db, await sha256Hex(token), ownerId));
  const row = accepted!.results[0] as { site_id: string; role: Role } | undefined;
  if (!row) {
    throw new ApiError(
      "not_found",
      "no usable invitation for this account: expired, used, revoked or for another email",
    );
  }
  return { site: row.site_id, role: row.role };
}
