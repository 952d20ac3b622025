-- Channels beyond the popup: signed links of the hosted survey page, and one response per context
-- value (e.g. per order) held by a key of the database, not by a read before the write.

-- The secret that signs a site's links (HMAC-SHA256), made at the first link and replaced by a
-- rotation; the previous one may keep verifying links until `previous_until` (a rollover).
CREATE TABLE link_secrets (
  site_id         TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  secret          TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  previous_secret TEXT,
  previous_until  TEXT
);

-- One row per survey and value of its `links.onePer` context key: the response that holds it.
-- Written in the transaction of that response's first part, before the response itself, which is
-- inserted only if this row names it: ten concurrent answers for one order store exactly one.
CREATE TABLE response_claims (
  site_id     TEXT NOT NULL,
  survey_id   TEXT NOT NULL,
  claim       TEXT NOT NULL,               -- the context value, e.g. the order id
  response_id TEXT NOT NULL,
  PRIMARY KEY (site_id, survey_id, claim)
) WITHOUT ROWID;
CREATE INDEX response_claims_response ON response_claims(response_id);

-- An erased or expired response frees its claim (a customer who withdrew may answer again).
CREATE TRIGGER responses_claim_delete AFTER DELETE ON responses
BEGIN
  DELETE FROM response_claims WHERE response_id = OLD.id;
END;
