-- Buffered ingestion without D1 on the hot path: erasures that reach answers still in the ingest
-- queue, and the answers the collector dropped after it had accepted them (the owners see the count).

-- The latest erasure of a respondent (POST /v1/forget) or of a shop-context value (a customer's data
-- request, DELETE /api/sites/:id/responses?context=…). An answer accepted before it but written after
-- it (it was waiting in the queue, or its request raced the erasure) is never written. Kept while such
-- answers may still be queued, then purged by the hourly cron. `subject` says whose answers:
-- 'respondent:' || the respondent hash, or 'context:' || key || '=' || value.
CREATE TABLE erasure_fences (
  site_id   TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  subject   TEXT NOT NULL,
  erased_at TEXT NOT NULL,
  PRIMARY KEY (site_id, subject)
) WITHOUT ROWID;
CREATE INDEX erasure_fences_time ON erasure_fences(erased_at);

-- Accepted answers that were not written: a reused id with another body ('id_reused', settled by the
-- queue's consumer), a respondent who withdrew before the write ('withdrawn'), or an answer erased by
-- a customer's data request before the write ('erased'). One row per response id and reason, so a
-- redelivered message is counted once.
CREATE TABLE ingest_drops (
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  response_id TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('id_reused', 'withdrawn', 'erased')),
  day         TEXT NOT NULL,
  at          TEXT NOT NULL,
  PRIMARY KEY (site_id, response_id, reason)
) WITHOUT ROWID;
CREATE INDEX ingest_drops_day ON ingest_drops(site_id, day);
