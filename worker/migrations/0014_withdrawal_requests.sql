-- Hardening after a security review.

-- POST /v1/forget records a withdrawal with the consent records only when it erased something.
-- Requests that found nothing to erase (a second click, a browser that never answered, or anyone
-- making up respondent tokens) are only counted, per site and day, with no respondent id: they
-- cannot fill the consent records or grow a table.
CREATE TABLE empty_withdrawals (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  day     TEXT NOT NULL,
  count   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day)
) WITHOUT ROWID;

-- Withdrawals recorded before this that erased nothing are of that kind too.
INSERT INTO empty_withdrawals (site_id, day, count)
  SELECT site_id, substr(withdrawn_at, 1, 10), COUNT(*) FROM consent_withdrawals WHERE deleted = 0
  GROUP BY site_id, substr(withdrawn_at, 1, 10);
DELETE FROM consent_withdrawals WHERE deleted = 0;

-- A privacy-policy link is drawn for customers on shop pages: only https (http for localhost) is
-- accepted now; a link stored before with another scheme (javascript:, data:…) is dropped.
UPDATE sites SET policy_url = NULL
WHERE policy_url IS NOT NULL AND lower(policy_url) NOT LIKE 'https://%'
  AND lower(policy_url) NOT LIKE 'http://localhost%' AND lower(policy_url) NOT LIKE 'http://127.0.0.1%'
  AND lower(policy_url) NOT LIKE 'http://[::1]%';
