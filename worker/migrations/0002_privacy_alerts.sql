-- Privacy lifecycle and detractor alerts.

-- Which consent text the customer saw (the widget's consent wording has its own version).
ALTER TABLE responses ADD COLUMN consent_text TEXT;

-- Proof that a withdrawal was honoured: pseudonymous id, when, how many responses were erased.
CREATE TABLE consent_withdrawals (
  site_id         TEXT NOT NULL,
  respondent_hash TEXT NOT NULL,
  withdrawn_at    TEXT NOT NULL,
  deleted         INTEGER NOT NULL,
  PRIMARY KEY (site_id, respondent_hash, withdrawn_at)
) WITHOUT ROWID;

-- Owners' webhooks for detractor (NPS 0-6) and unhappy CSAT (1-2) alerts.
CREATE TABLE webhooks (
  id         TEXT PRIMARY KEY,
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  url        TEXT NOT NULL,
  secret     TEXT NOT NULL,           -- HMAC-SHA256 key; shown to the owner once at creation
  created_at TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX webhooks_site ON webhooks(site_id, active);

-- One delivery per (response, webhook), created in the same transaction as the response.
CREATE TABLE alert_deliveries (
  id          TEXT PRIMARY KEY,       -- response id + ':' + webhook id
  site_id     TEXT NOT NULL,
  webhook_id  TEXT NOT NULL,
  response_id TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','retrying','dead','erased')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX alert_deliveries_site ON alert_deliveries(site_id, created_at);
CREATE INDEX alert_deliveries_pending ON alert_deliveries(status, created_at);
CREATE INDEX alert_deliveries_response ON alert_deliveries(response_id);

-- Erasure reaches queued alerts too: a pending alert of an erased response is never sent.
CREATE TRIGGER responses_erase_alerts AFTER DELETE ON responses
BEGIN
  UPDATE alert_deliveries SET status = 'erased', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE response_id = OLD.id AND status IN ('pending', 'retrying');
END;

CREATE INDEX responses_site_created ON responses(site_id, created_at);
