/** SQL of site members and their invitations (only the SHA-256 of an invitation link's token is stored). */
import type { Role } from "../../../shared/constants";

export interface MemberListRow {
  id: string;
  email: string;
  role: Role;
  pending: number;
  expires_at: string | null;
}

/** Members (with their account's email) and pending invitations that have not expired. */
export const listMembers = async (db: D1Database, siteId: string, now: string) =>
  (
    await db
      .prepare(
        `SELECT m.id, o.email, m.role, 0 AS pending, NULL AS expires_at, m.created_at FROM site_members m
         JOIN owners o ON o.id = m.owner_id WHERE m.site_id = ?1
         UNION ALL
         SELECT id, email, role, 1, expires_at, created_at FROM invitations WHERE site_id = ?1 AND expires_at > ?2
         ORDER BY pending, created_at, id`,
      )
      .bind(siteId, now)
      .all<MemberListRow>()
  ).results;

export const isMemberEmail = async (db: D1Database, siteId: string, email: string) =>
  (await db
    .prepare(
      `SELECT 1 AS ok FROM site_members m JOIN owners o ON o.id = m.owner_id
       WHERE m.site_id = ?1 AND o.email = ?2`,
    )
    .bind(siteId, email)
    .first()) !== null;

export interface NewInvitation {
  id: string;
  siteId: string;
  email: string;
  role: Role;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}

/** One pending invitation per site and email: inviting again replaces the link (the old one stops working). */
export const upsertInvitation = (db: D1Database, i: NewInvitation) =>
  db
    .prepare(
      `INSERT INTO invitations (id, site_id, email, role, token_hash, created_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (site_id, email) DO UPDATE SET id = excluded.id, role = excluded.role,
         token_hash = excluded.token_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`,
    )
    .bind(i.id, i.siteId, i.email, i.role, i.tokenHash, i.createdAt, i.expiresAt)
    .run();

/** A usable invitation: not expired, its site not deleted. */
const VALID_INVITATION = `i.token_hash = ?1 AND i.expires_at > ?2
  AND EXISTS (SELECT 1 FROM sites s WHERE s.id = i.site_id AND s.deleted_at IS NULL)`;

export const findValidInvitation = (db: D1Database, tokenHash: string, now: string) =>
  db
    .prepare(`SELECT i.id, i.site_id, i.email, i.role FROM invitations i WHERE ${VALID_INVITATION}`)
    .bind(tokenHash, now)
    .first<{ id: string; site_id: string; email: string; role: Role }>();

/**
 * Accepting an invitation, for the batch that also creates the account (sign-up) or alone (signed in):
 * the account `ownerId` joins the site with the invited role, only if it exists with the invited email,
 * and the invitation is used up. Both statements test the same condition inside one transaction, so an
 * invitation accepted twice at once joins once; the second statement's RETURNING tells whether it did.
 */
export const acceptInvitationStatements = (db: D1Database, tokenHash: string, ownerId: string, now: string) => {
  const forAccount = `${VALID_INVITATION} AND i.email = (SELECT email FROM owners WHERE id = ?3)`;
  return [
    db
      .prepare(
        `INSERT INTO site_members (id, site_id, owner_id, role, created_at)
         SELECT 'mem_' || lower(hex(randomblob(8))), i.site_id, ?3, i.role, ?2 FROM invitations i WHERE ${forAccount}
         ON CONFLICT (site_id, owner_id) DO UPDATE SET role = excluded.role`,
      )
      .bind(tokenHash, now, ownerId),
    db
      .prepare(`DELETE FROM invitations AS i WHERE ${forAccount} RETURNING site_id, role`)
      .bind(tokenHash, now, ownerId),
  ];
};

/**
 * Removes a member unless they are the site's last owner (one statement, so two owners removing each
 * other at once cannot both succeed), then revokes the tokens whose maker is no longer a member.
 * Returns the removed account, or null (no such member, or the last owner).
 */
export async function deleteMember(db: D1Database, siteId: string, memberId: string, at: string) {
  const [removed] = await db.batch([
    db
      .prepare(
        `DELETE FROM site_members WHERE site_id = ?1 AND id = ?2
           AND (role <> 'owner' OR (SELECT COUNT(*) FROM site_members WHERE site_id = ?1 AND role = 'owner') > 1)
         RETURNING owner_id`,
      )
      .bind(siteId, memberId),
    db
      .prepare(
        `UPDATE api_tokens SET revoked_at = ?2 WHERE site_id = ?1 AND revoked_at IS NULL
           AND created_by NOT IN (SELECT owner_id FROM site_members WHERE site_id = ?1)`,
      )
      .bind(siteId, at),
  ]);
  return (removed!.results[0] as { owner_id: string } | undefined) ?? null;
}

/** Changes a member's role unless that leaves the site without an owner. Returns whether it changed. */
export const updateMemberRole = async (db: D1Database, siteId: string, memberId: string, role: Role) =>
  (
    await db
      .prepare(
        `UPDATE site_members SET role = ?3 WHERE site_id = ?1 AND id = ?2
           AND (role <> 'owner' OR ?3 = 'owner'
             OR (SELECT COUNT(*) FROM site_members WHERE site_id = ?1 AND role = 'owner') > 1)
         RETURNING id`,
      )
      .bind(siteId, memberId, role)
      .all()
  ).results.length > 0;

export const updateInvitationRole = async (db: D1Database, siteId: string, id: string, role: Role) =>
  (await db.prepare("UPDATE invitations SET role = ?3 WHERE site_id = ?1 AND id = ?2").bind(siteId, id, role).run())
    .meta.changes > 0;

export const memberExists = async (db: D1Database, siteId: string, memberId: string) =>
  (await db
    .prepare("SELECT 1 AS ok FROM site_members WHERE site_id = ?1 AND id = ?2")
    .bind(siteId, memberId)
    .first()) !== null;

export const deleteInvitation = async (db: D1Database, siteId: string, id: string) =>
  (await db.prepare("DELETE FROM invitations WHERE site_id = ?1 AND id = ?2").bind(siteId, id).run()).meta.changes > 0;

export const deleteExpiredInvitations = (db: D1Database, now: string) =>
  db.prepare("DELETE FROM invitations WHERE expires_at <= ?1").bind(now).run();
