/** SQL of consent evidence: who (pseudonymous), when, what they were told; withdrawals and erasures. */
export interface ConsentRow {
  id: string;
  respondent_hash: string;
  consent_policy: string | null;
  consent_text: string | null;
  consent_at: string;
  /** The keyset's time (equal to consent_at: consent is given with the first part). */
  created_at: string;
  locale: string | null;
  page: string | null;
}

export interface WithdrawalRow {
  respondent_hash: string;
  withdrawn_at: string;
  deleted: number;
}

export interface ErasureRow {
  id: string;
  context_key: string;
  context_value: string;
  erased_at: string;
  deleted: number;
}

type Range = { from: string; to: string };
type Keyset = { at: string; id: string } | null;

/** One page of a site's records (SQL with ?1 site, ?2..?3 days, ?4/?5 the keyset after which, ?6 the limit). */
const recordPage = async <T>(db: D1Database, sql: string, siteId: string, range: Range, after: Keyset, limit: number) =>
  (
    await db
      .prepare(sql)
      .bind(siteId, range.from, range.to, after?.at ?? null, after?.id ?? "", limit)
      .all<T>()
  ).results;

/**
 * Consents given on days `from`..`to`, after the keyset (created_at, id), oldest first. Searched by time
 * from the keyset on (a time sorts after its day, before the next): by days, SQLite would sort all of the
 * range's responses for every page.
 */
export const consentPage = (db: D1Database, siteId: string, range: Range, after: Keyset, limit: number) =>
  recordPage<ConsentRow>(
    db,
    `SELECT id, respondent_hash, consent_policy, consent_text, consent_at, created_at, locale, page FROM responses
     WHERE site_id = ?1 AND created_at >= max(?2, coalesce(?4, '')) AND created_at < ?3 || '~'
       AND (?4 IS NULL OR (created_at, id) > (?4, ?5))
     ORDER BY created_at, id LIMIT ?6`,
    siteId,
    range,
    after,
    limit,
  );

/** Withdrawals on days `from`..`to`, after the keyset (withdrawn_at, respondent_hash), oldest first. */
export const withdrawalPage = (db: D1Database, siteId: string, range: Range, after: Keyset, limit: number) =>
  recordPage<WithdrawalRow>(
    db,
    `SELECT respondent_hash, withdrawn_at, deleted FROM consent_withdrawals
     WHERE site_id = ?1 AND withdrawn_at >= ?2 AND withdrawn_at < date(?3, '+1 day')
       AND (?4 IS NULL OR (withdrawn_at, respondent_hash) > (?4, ?5))
     ORDER BY withdrawn_at, respondent_hash LIMIT ?6`,
    siteId,
    range,
    after,
    limit,
  );

/** Erasures by a context value on days `from`..`to`, after the keyset (erased_at, id), oldest first, from it on. */
export const erasurePage = (db: D1Database, siteId: string, range: Range, after: Keyset, limit: number) =>
  recordPage<ErasureRow>(
    db,
    `SELECT id, context_key, context_value, erased_at, deleted FROM context_erasures
     WHERE site_id = ?1 AND erased_at >= max(?2, coalesce(?4, '')) AND erased_at < date(?3, '+1 day')
       AND (?4 IS NULL OR (erased_at, id) > (?4, ?5))
     ORDER BY erased_at, id LIMIT ?6`,
    siteId,
    range,
    after,
    limit,
  );
