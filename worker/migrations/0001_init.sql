-- Initial schema. Forward-only: never edit an applied migration, add a new file.
-- Times are ISO-8601 UTC strings; `day` columns are YYYY-MM-DD (UTC).

CREATE TABLE owners (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,            -- pbkdf2-sha256$iterations$salt$hash
  created_at    TEXT NOT NULL
);

-- Failed logins per account in a sliding window (OWASP ASVS: throttle per account).
CREATE TABLE login_failures (
  email        TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  failures     INTEGER NOT NULL
);

-- Server-side sessions; only the SHA-256 of the cookie value is stored.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  owner_id   TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_owner ON sessions(owner_id);

CREATE TABLE sites (
  id             TEXT PRIMARY KEY,
  owner_id       TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
  key            TEXT NOT NULL UNIQUE,     -- public key used by the snippet
  name           TEXT NOT NULL,
  origins        TEXT NOT NULL,            -- JSON array of allowed origins
  retention_days INTEGER NOT NULL,
  policy_url     TEXT,
  policy_version TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX sites_owner ON sites(owner_id);

-- Allowed origins as rows, so a CORS preflight (which carries no site key) is one index lookup.
CREATE TABLE site_origins (
  origin  TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  PRIMARY KEY (origin, site_id)
) WITHOUT ROWID;

-- API tokens for integrations; shown once, stored as SHA-256.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  site_id      TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_site ON api_tokens(site_id);

CREATE TABLE surveys (
  id         TEXT PRIMARY KEY,
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  definition TEXT NOT NULL,               -- JSON: questions, trigger, theme, reward
  version    INTEGER NOT NULL DEFAULT 1,
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX surveys_site ON surveys(site_id, active);

-- One row per accepted submission; `id` is the client's idempotency key.
CREATE TABLE responses (
  id              TEXT PRIMARY KEY,
  site_id         TEXT NOT NULL,
  survey_id       TEXT NOT NULL,
  body_hash       TEXT NOT NULL,          -- SHA-256 of the canonical body: tells a retry from a reused id
  respondent_hash TEXT NOT NULL,          -- SHA-256 of site id + respondent token, never the token
  locale          TEXT,
  page            TEXT,                   -- origin + path only
  device          TEXT NOT NULL,          -- mobile | tablet | desktop | unknown
  context         TEXT,                   -- JSON object, at most 10 short keys
  consent_policy  TEXT,
  consent_at      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  day             TEXT NOT NULL,
  nps_min         INTEGER,                -- lowest NPS answer, for the detractor queue and segments
  status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','contacted','resolved')),
  note            TEXT,
  status_at       TEXT,
  expired         INTEGER NOT NULL DEFAULT 0 -- set by retention just before deletion: aggregates keep its weight
);
CREATE INDEX responses_site_day ON responses(site_id, day, id);
CREATE INDEX responses_site_survey_day ON responses(site_id, survey_id, day, id);
CREATE INDEX responses_site_status ON responses(site_id, status, created_at);
CREATE INDEX responses_site_nps ON responses(site_id, nps_min, created_at);
CREATE INDEX responses_respondent ON responses(site_id, respondent_hash);
CREATE INDEX responses_site_locale ON responses(site_id, locale, day);
CREATE INDEX responses_site_page ON responses(site_id, page, day);

-- One row per answered question; `score` holds the number of nps/csat/ces answers.
CREATE TABLE answers (
  response_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  site_id     TEXT NOT NULL,
  survey_id   TEXT NOT NULL,
  day         TEXT NOT NULL,
  type        TEXT NOT NULL,
  score       INTEGER,
  value       TEXT NOT NULL,              -- JSON of the answer value
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
CREATE INDEX answers_site_type_day ON answers(site_id, type, day);

-- Shop context (orderId, productId, …) as rows, so "satisfaction per product" uses an index.
CREATE TABLE response_context (
  response_id TEXT NOT NULL,
  site_id     TEXT NOT NULL,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,
  day         TEXT NOT NULL,
  PRIMARY KEY (response_id, key)
) WITHOUT ROWID;
CREATE INDEX response_context_lookup ON response_context(site_id, key, value, day);

-- Per-day aggregates of scored answers. h0..h10 is the histogram by score value.
-- Maintained only by the triggers below, inside the writing transaction.
CREATE TABLE daily_aggregates (
  site_id     TEXT NOT NULL,
  survey_id   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  day         TEXT NOT NULL,
  type        TEXT NOT NULL,
  count       INTEGER NOT NULL DEFAULT 0,
  sum         INTEGER NOT NULL DEFAULT 0,
  h0 INTEGER NOT NULL DEFAULT 0, h1 INTEGER NOT NULL DEFAULT 0, h2 INTEGER NOT NULL DEFAULT 0,
  h3 INTEGER NOT NULL DEFAULT 0, h4 INTEGER NOT NULL DEFAULT 0, h5 INTEGER NOT NULL DEFAULT 0,
  h6 INTEGER NOT NULL DEFAULT 0, h7 INTEGER NOT NULL DEFAULT 0, h8 INTEGER NOT NULL DEFAULT 0,
  h9 INTEGER NOT NULL DEFAULT 0, h10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, survey_id, question_id)
) WITHOUT ROWID;

-- Responses per day (the "responses" figure and the trend's counts).
CREATE TABLE daily_responses (
  site_id   TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  day       TEXT NOT NULL,
  count     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, survey_id)
) WITHOUT ROWID;

CREATE TRIGGER answers_aggregate_insert AFTER INSERT ON answers
WHEN NEW.score IS NOT NULL
BEGIN
  INSERT INTO daily_aggregates (site_id, survey_id, question_id, day, type, count, sum,
    h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
  VALUES (NEW.site_id, NEW.survey_id, NEW.question_id, NEW.day, NEW.type, 1, NEW.score,
    NEW.score = 0, NEW.score = 1, NEW.score = 2, NEW.score = 3, NEW.score = 4, NEW.score = 5,
    NEW.score = 6, NEW.score = 7, NEW.score = 8, NEW.score = 9, NEW.score = 10)
  ON CONFLICT (site_id, day, survey_id, question_id) DO UPDATE SET
    count = count + 1, sum = sum + excluded.sum,
    h0 = h0 + excluded.h0, h1 = h1 + excluded.h1, h2 = h2 + excluded.h2, h3 = h3 + excluded.h3,
    h4 = h4 + excluded.h4, h5 = h5 + excluded.h5, h6 = h6 + excluded.h6, h7 = h7 + excluded.h7,
    h8 = h8 + excluded.h8, h9 = h9 + excluded.h9, h10 = h10 + excluded.h10;
END;

-- Erasure (forget, owner delete) removes the answer's weight; retention (expired = 1) keeps it.
CREATE TRIGGER answers_aggregate_delete AFTER DELETE ON answers
WHEN OLD.score IS NOT NULL
  AND COALESCE((SELECT expired FROM responses WHERE id = OLD.response_id), 0) = 0
BEGIN
  UPDATE daily_aggregates SET
    count = count - 1, sum = sum - OLD.score,
    h0 = h0 - (OLD.score = 0), h1 = h1 - (OLD.score = 1), h2 = h2 - (OLD.score = 2),
    h3 = h3 - (OLD.score = 3), h4 = h4 - (OLD.score = 4), h5 = h5 - (OLD.score = 5),
    h6 = h6 - (OLD.score = 6), h7 = h7 - (OLD.score = 7), h8 = h8 - (OLD.score = 8),
    h9 = h9 - (OLD.score = 9), h10 = h10 - (OLD.score = 10)
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND question_id = OLD.question_id;
  DELETE FROM daily_aggregates
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND count = 0;
END;

CREATE TRIGGER responses_count_insert AFTER INSERT ON responses
BEGIN
  INSERT INTO daily_responses (site_id, survey_id, day, count) VALUES (NEW.site_id, NEW.survey_id, NEW.day, 1)
  ON CONFLICT (site_id, day, survey_id) DO UPDATE SET count = count + 1;
END;

-- BEFORE DELETE so that the answers' trigger still sees the response's `expired` flag.
CREATE TRIGGER responses_cascade_delete BEFORE DELETE ON responses
BEGIN
  DELETE FROM answers WHERE response_id = OLD.id;
  DELETE FROM response_context WHERE response_id = OLD.id;
END;

CREATE TRIGGER responses_count_delete AFTER DELETE ON responses
WHEN OLD.expired = 0
BEGIN
  UPDATE daily_responses SET count = count - 1
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id;
  DELETE FROM daily_responses
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND count = 0;
END;
