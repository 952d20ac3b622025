/** SQL of deleting an owner account: what it alone owns, what names it, and the row itself last. */

/** Sites where the account is an owner and no one else is. */
export const soleOwnedSites = async (db: D1Database, ownerId: string) =>
  (
    await db
      .prepare(
        `SELECT m.site_id AS id FROM site_members m JOIN sites s ON s.id = m.site_id
         WHERE m.owner_id = ?1 AND m.role = 'owner' AND s.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM site_members o
                           WHERE o.site_id = m.site_id AND o.role = 'owner' AND o.owner_id <> ?1)`,
      )
      .bind(ownerId)
      .all<{ id: string }>()
  ).results.map((r) => r.id);

/**
 * Everything of the account except its row: shared sites pass to another of their owners, its memberships,
 * tokens, invitations to its email, login counts, sessions and trusted browsers go, and the row keeps no
 * email or password (the email is free at once) until no site names it any more (deleteRetiredOwners).
 */
export const retireAccountStatements = (db: D1Database, ownerId: string, email: string, at: string) => [
  db
    .prepare(
      `UPDATE sites SET owner_id = (
         SELECT m.owner_id FROM site_members m WHERE m.site_id = sites.id AND m.role = 'owner' AND m.owner_id <> ?1
         ORDER BY m.created_at LIMIT 1)
       WHERE owner_id = ?1 AND EXISTS (
         SELECT 1 FROM site_members m WHERE m.site_id = sites.id AND m.role = 'owner' AND m.owner_id <> ?1)`,
    )
    .bind(ownerId),
  db.prepare("DELETE FROM site_members WHERE owner_id = ?1").bind(ownerId),
  db.prepare("DELETE FROM api_tokens WHERE created_by = ?1").bind(ownerId),
  db.prepare("DELETE FROM invitations WHERE email = ?1").bind(email),
  db.prepare("DELETE FROM login_attempts WHERE email = ?1").bind(email),
  db.prepare("DELETE FROM sessions WHERE owner_id = ?1").bind(ownerId),
  db.prepare("DELETE FROM login_devices WHERE owner_id = ?1").bind(ownerId),
  db
    .prepare("UPDATE owners SET email = 'deleted:' || id, password_hash = '', deleted_at = ?2 WHERE id = ?1")
    .bind(ownerId, at),
];

/** Rows of deleted accounts that no site names any more (their sites' deletion has finished). */
export const deleteRetiredOwners = (db: D1Database) =>
  db
    .prepare(
      `DELETE FROM owners WHERE deleted_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM sites s WHERE s.owner_id = owners.id)`,
    )
    .run();
