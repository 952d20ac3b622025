/** SQL of consent evidence: who (pseudonymous), when, what they were told; and withdrawals. */
export interface ConsentRow {
  id: string;
  respondent_hash: string;
  consent_policy: string | null;
  consent_text: string | null;
  consent_at: string;
  locale: string | null;
  page: string | null;
}

export interface WithdrawalRow {
  respondent_hash: string;
  withdrawn_at: string;
  deleted: number;
}

/** Consents given on days `from`..`to`, after the keyset (created_at, id), oldest first. */
export const consentPage = async (
  db: D1Database,
  siteId: string,
  range: { from: string; to: string },
  after: { at: string; id: string } | null,
  limit: number,
) =>
  (
    await db
      .prepare(
        `SELECT id, respondent_hash, consent_policy, consent_text, consent_at, locale, page FROM responses
         WHERE site_id = ?1 AND day >= ?2 AND day <= ?3 AND (?4 IS NULL OR (created_at, id) > (?4, ?5))
         ORDER BY created_at, id LIMIT ?6`,
      )
      .bind(siteId, range.from, range.to, after?.at ?? null, after?.id ?? "", limit)
      .all<ConsentRow>()
  ).results;

/** Withdrawals on days `from`..`to`, after the keyset (withdrawn_at, respondent_hash), oldest first. */
export const withdrawalPage = async (
  db: D1Database,
  siteId: string,
  range: { from: string; to: string },
  after: { at: string; id: string } | null,
  limit: number,
) =>
  (
    await db
      .prepare(
        `SELECT respondent_hash, withdrawn_at, deleted FROM consent_withdrawals
         WHERE site_id = ?1 AND withdrawn_at >= ?2 AND withdrawn_at < date(?3, '+1 day')
           AND (?4 IS NULL OR (withdrawn_at, respondent_hash) > (?4, ?5))
         ORDER BY withdrawn_at, respondent_hash LIMIT ?6`,
      )
      .bind(siteId, range.from, range.to, after?.at ?? null, after?.id ?? "", limit)
      .all<WithdrawalRow>()
  ).results;
