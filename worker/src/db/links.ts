/** SQL of signed links: each site's signing secret, and the claims of one response per context value. */

export interface LinkSecretRow {
  site_id: string;
  secret: string;
  created_at: string;
  previous_secret: string | null;
  previous_until: string | null;
}

export const findLinkSecret = (db: D1Database, siteId: string) =>
  db.prepare("SELECT * FROM link_secrets WHERE site_id = ?1").bind(siteId).first<LinkSecretRow>();

/**
 * The site's secret, made now if it has none. Two first links at once both end up with the one
 * that was written first (the second insert does nothing, and both read the row back).
 */
export async function ensureLinkSecret(db: D1Database, siteId: string, secret: string, at: string) {
  const [, row] = await db.batch([
    db
      .prepare("INSERT INTO link_secrets (site_id, secret, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
      .bind(siteId, secret, at),
    db.prepare("SELECT * FROM link_secrets WHERE site_id = ?1").bind(siteId),
  ]);
  return row!.results[0] as LinkSecretRow;
}

/**
 * A new secret; the one it replaces verifies links until `previousUntil` (null: from now on it does not).
 * A previous secret still in its rollover is replaced too: at most two secrets are ever valid.
 */
export const rotateLinkSecret = (
  db: D1Database,
  siteId: string,
  secret: string,
  at: string,
  previousUntil: string | null,
) =>
  db
    .prepare(
      `INSERT INTO link_secrets (site_id, secret, created_at, previous_secret, previous_until)
       VALUES (?1, ?2, ?3, NULL, NULL)
       ON CONFLICT (site_id) DO UPDATE SET
         previous_secret = CASE WHEN ?4 IS NULL THEN NULL ELSE secret END,
         previous_until = ?4, secret = excluded.secret, created_at = excluded.created_at
       RETURNING *`,
    )
    .bind(siteId, secret, at, previousUntil)
    .first<LinkSecretRow>();

/** The response that holds a survey's context value (e.g. an order id), if any. */
export const claimHolder = async (db: D1Database, siteId: string, surveyId: string, claim: string) =>
  (
    await db
      .prepare("SELECT response_id FROM response_claims WHERE site_id = ?1 AND survey_id = ?2 AND claim = ?3")
      .bind(siteId, surveyId, claim)
      .first<{ response_id: string }>()
  )?.response_id ?? null;
