-- Survey engine v2: versions, partial answers, channels, the funnel, and results for every
-- question type, all kept per day by the database itself (so they outlive raw answers).

-- Every saved version of a survey: a response is checked against the version it answered.
CREATE TABLE survey_versions (
  survey_id  TEXT NOT NULL,
  version    INTEGER NOT NULL,
  site_id    TEXT NOT NULL,
  definition TEXT NOT NULL,               -- JSON: questions, trigger, theme, reward (as surveys.definition)
  created_at TEXT NOT NULL,
  PRIMARY KEY (survey_id, version)
) WITHOUT ROWID;
CREATE INDEX survey_versions_site ON survey_versions(site_id);
INSERT INTO survey_versions (survey_id, version, site_id, definition, created_at)
  SELECT id, version, site_id, definition, updated_at FROM surveys;

-- A response may arrive in parts (after each answered step) under one id, then complete.
ALTER TABLE responses ADD COLUMN version INTEGER;            -- the survey version answered
ALTER TABLE responses ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
ALTER TABLE responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'widget';
ALTER TABLE responses ADD COLUMN updated_at TEXT;            -- the last part's time (alerts wait for silence)
ALTER TABLE responses ADD COLUMN reached TEXT;               -- JSON array: the questions its path showed
-- An answer the alerts fire on (the rule of shared/constants.ts); NULL on rows older than this
-- migration until the hourly cron has computed it (services/scheduled.ts).
ALTER TABLE responses ADD COLUMN unhappy INTEGER;
-- Set by each write; a later part is written only under the token its own update set (no lost update).
ALTER TABLE responses ADD COLUMN write_token TEXT;
UPDATE responses SET
  version = (SELECT version FROM surveys WHERE surveys.id = responses.survey_id),
  updated_at = created_at,
  reached = (SELECT json_group_array(question_id) FROM answers WHERE response_id = responses.id);
CREATE INDEX responses_site_unhappy ON responses(site_id, unhappy, created_at);
CREATE INDEX responses_site_channel ON responses(site_id, channel, day);
CREATE INDEX responses_unhappy_unknown ON responses(id) WHERE unhappy IS NULL;

ALTER TABLE answers ADD COLUMN channel TEXT NOT NULL DEFAULT 'widget';
UPDATE answers SET channel = (SELECT channel FROM responses WHERE responses.id = answers.response_id);

-- The daily tables gain the channel (and the responses' completed count): rebuilt with it in the key.
DROP TRIGGER answers_aggregate_insert;
DROP TRIGGER answers_aggregate_delete;
DROP TRIGGER responses_count_insert;
DROP TRIGGER responses_count_delete;

CREATE TABLE daily_aggregates_v2 (
  site_id     TEXT NOT NULL,
  survey_id   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  day         TEXT NOT NULL,
  channel     TEXT NOT NULL DEFAULT 'widget',
  type        TEXT NOT NULL,
  count       INTEGER NOT NULL DEFAULT 0,
  sum         INTEGER NOT NULL DEFAULT 0,
  h0 INTEGER NOT NULL DEFAULT 0, h1 INTEGER NOT NULL DEFAULT 0, h2 INTEGER NOT NULL DEFAULT 0,
  h3 INTEGER NOT NULL DEFAULT 0, h4 INTEGER NOT NULL DEFAULT 0, h5 INTEGER NOT NULL DEFAULT 0,
  h6 INTEGER NOT NULL DEFAULT 0, h7 INTEGER NOT NULL DEFAULT 0, h8 INTEGER NOT NULL DEFAULT 0,
  h9 INTEGER NOT NULL DEFAULT 0, h10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, survey_id, question_id, channel)
) WITHOUT ROWID;
INSERT INTO daily_aggregates_v2 (site_id, survey_id, question_id, day, channel, type, count, sum,
    h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
  SELECT site_id, survey_id, question_id, day, 'widget', type, count, sum, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
  FROM daily_aggregates;
DROP TABLE daily_aggregates;
ALTER TABLE daily_aggregates_v2 RENAME TO daily_aggregates;

CREATE TABLE daily_responses_v2 (
  site_id   TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  day       TEXT NOT NULL,
  channel   TEXT NOT NULL DEFAULT 'widget',
  count     INTEGER NOT NULL DEFAULT 0,  -- every stored response, partial or complete
  completed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, survey_id, channel)
) WITHOUT ROWID;
INSERT INTO daily_responses_v2 (site_id, survey_id, day, channel, count, completed)
  SELECT site_id, survey_id, day, 'widget', count, count FROM daily_responses;
DROP TABLE daily_responses;
ALTER TABLE daily_responses_v2 RENAME TO daily_responses;

-- Per question and day: responses whose path showed it, and answers to it (the funnel).
CREATE TABLE daily_questions (
  site_id     TEXT NOT NULL,
  survey_id   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  day         TEXT NOT NULL,
  channel     TEXT NOT NULL,
  reached     INTEGER NOT NULL DEFAULT 0,
  answered    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, survey_id, question_id, channel)
) WITHOUT ROWID;

-- Per option of a choice or multi question and day: how many answers chose it.
CREATE TABLE daily_options (
  site_id     TEXT NOT NULL,
  survey_id   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  day         TEXT NOT NULL,
  channel     TEXT NOT NULL,
  option_id   TEXT NOT NULL,
  count       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, survey_id, question_id, channel, option_id)
) WITHOUT ROWID;

-- Anonymous counts of POST /v1/events (shown, declined, dismissed): no id, no token, no address.
CREATE TABLE daily_events (
  site_id   TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  day       TEXT NOT NULL,
  channel   TEXT NOT NULL,
  event     TEXT NOT NULL,
  count     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, survey_id, channel, event)
) WITHOUT ROWID;

-- Backfill of the new daily tables from the stored answers (aggregates of expired answers are not
-- recoverable: those days start from what is still stored).
INSERT INTO daily_questions (site_id, survey_id, question_id, day, channel, reached, answered)
  SELECT site_id, survey_id, question_id, day, channel, COUNT(*), COUNT(*) FROM answers
  GROUP BY site_id, day, survey_id, question_id, channel;
INSERT INTO daily_options (site_id, survey_id, question_id, day, channel, option_id, count)
  SELECT a.site_id, a.survey_id, a.question_id, a.day, a.channel, o.value, COUNT(*)
  FROM answers a, json_each(CASE a.type WHEN 'multi' THEN a.value ELSE json_array(json_extract(a.value, '$')) END) o
  WHERE a.type IN ('choice', 'multi')
  GROUP BY a.site_id, a.day, a.survey_id, a.question_id, a.channel, o.value;

-- Triggers: the aggregates follow every insert and erasure inside the writing transaction; retention
-- (responses.expired = 1 just before deletion) keeps an answer's weight.

CREATE TRIGGER answers_aggregate_insert AFTER INSERT ON answers
BEGIN
  INSERT INTO daily_questions (site_id, survey_id, question_id, day, channel, answered)
  VALUES (NEW.site_id, NEW.survey_id, NEW.question_id, NEW.day, NEW.channel, 1)
  ON CONFLICT (site_id, day, survey_id, question_id, channel) DO UPDATE SET answered = answered + 1;

  INSERT INTO daily_aggregates (site_id, survey_id, question_id, day, channel, type, count, sum,
    h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
  SELECT NEW.site_id, NEW.survey_id, NEW.question_id, NEW.day, NEW.channel, NEW.type, 1, NEW.score,
    NEW.score = 0, NEW.score = 1, NEW.score = 2, NEW.score = 3, NEW.score = 4, NEW.score = 5,
    NEW.score = 6, NEW.score = 7, NEW.score = 8, NEW.score = 9, NEW.score = 10
  WHERE NEW.score IS NOT NULL
  ON CONFLICT (site_id, day, survey_id, question_id, channel) DO UPDATE SET
    count = count + 1, sum = sum + excluded.sum,
    h0 = h0 + excluded.h0, h1 = h1 + excluded.h1, h2 = h2 + excluded.h2, h3 = h3 + excluded.h3,
    h4 = h4 + excluded.h4, h5 = h5 + excluded.h5, h6 = h6 + excluded.h6, h7 = h7 + excluded.h7,
    h8 = h8 + excluded.h8, h9 = h9 + excluded.h9, h10 = h10 + excluded.h10;

  INSERT INTO daily_options (site_id, survey_id, question_id, day, channel, option_id, count)
  SELECT NEW.site_id, NEW.survey_id, NEW.question_id, NEW.day, NEW.channel, o.value, 1
  FROM json_each(CASE NEW.type WHEN 'multi' THEN NEW.value ELSE json_array(json_extract(NEW.value, '$')) END) o
  WHERE NEW.type IN ('choice', 'multi')
  ON CONFLICT (site_id, day, survey_id, question_id, channel, option_id) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER answers_aggregate_delete AFTER DELETE ON answers
WHEN COALESCE((SELECT expired FROM responses WHERE id = OLD.response_id), 0) = 0
BEGIN
  UPDATE daily_questions SET answered = answered - 1
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND channel = OLD.channel;

  UPDATE daily_aggregates SET
    count = count - 1, sum = sum - OLD.score,
    h0 = h0 - (OLD.score = 0), h1 = h1 - (OLD.score = 1), h2 = h2 - (OLD.score = 2),
    h3 = h3 - (OLD.score = 3), h4 = h4 - (OLD.score = 4), h5 = h5 - (OLD.score = 5),
    h6 = h6 - (OLD.score = 6), h7 = h7 - (OLD.score = 7), h8 = h8 - (OLD.score = 8),
    h9 = h9 - (OLD.score = 9), h10 = h10 - (OLD.score = 10)
  WHERE OLD.score IS NOT NULL AND site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id
    AND question_id = OLD.question_id AND channel = OLD.channel;
  DELETE FROM daily_aggregates
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND channel = OLD.channel AND count = 0;
  DELETE FROM daily_questions
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND channel = OLD.channel AND reached <= 0 AND answered <= 0;

  UPDATE daily_options SET count = count - 1
  WHERE OLD.type IN ('choice', 'multi') AND site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id
    AND question_id = OLD.question_id AND channel = OLD.channel
    AND option_id IN (SELECT value FROM json_each(
      CASE OLD.type WHEN 'multi' THEN OLD.value ELSE json_array(json_extract(OLD.value, '$')) END));
  DELETE FROM daily_options
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND question_id = OLD.question_id
    AND channel = OLD.channel AND count = 0;
END;

CREATE TRIGGER responses_count_insert AFTER INSERT ON responses
BEGIN
  INSERT INTO daily_responses (site_id, survey_id, day, channel, count, completed)
  VALUES (NEW.site_id, NEW.survey_id, NEW.day, NEW.channel, 1, NEW.complete)
  ON CONFLICT (site_id, day, survey_id, channel) DO UPDATE SET count = count + 1, completed = completed + NEW.complete;

  INSERT INTO daily_questions (site_id, survey_id, question_id, day, channel, reached)
  SELECT NEW.site_id, NEW.survey_id, q.value, NEW.day, NEW.channel, 1 FROM json_each(COALESCE(NEW.reached, '[]')) q
  WHERE true
  ON CONFLICT (site_id, day, survey_id, question_id, channel) DO UPDATE SET reached = reached + 1;
END;

-- A later part: completion is counted once, and the questions reached follow the new path.
CREATE TRIGGER responses_count_update AFTER UPDATE OF complete, reached ON responses
BEGIN
  UPDATE daily_responses SET completed = completed + NEW.complete - OLD.complete
  WHERE site_id = NEW.site_id AND day = NEW.day AND survey_id = NEW.survey_id AND channel = NEW.channel;

  UPDATE daily_questions SET reached = reached - 1
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND channel = OLD.channel
    AND question_id IN (SELECT value FROM json_each(COALESCE(OLD.reached, '[]')));
  INSERT INTO daily_questions (site_id, survey_id, question_id, day, channel, reached)
  SELECT NEW.site_id, NEW.survey_id, q.value, NEW.day, NEW.channel, 1 FROM json_each(COALESCE(NEW.reached, '[]')) q
  WHERE true
  ON CONFLICT (site_id, day, survey_id, question_id, channel) DO UPDATE SET reached = reached + 1;
  DELETE FROM daily_questions
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND channel = OLD.channel
    AND reached = 0 AND answered = 0;
END;

CREATE TRIGGER responses_count_delete AFTER DELETE ON responses
WHEN OLD.expired = 0
BEGIN
  UPDATE daily_responses SET count = count - 1, completed = completed - OLD.complete
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND channel = OLD.channel;
  DELETE FROM daily_responses
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND channel = OLD.channel AND count = 0;

  UPDATE daily_questions SET reached = reached - 1
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND channel = OLD.channel
    AND question_id IN (SELECT value FROM json_each(COALESCE(OLD.reached, '[]')));
  DELETE FROM daily_questions
  WHERE site_id = OLD.site_id AND day = OLD.day AND survey_id = OLD.survey_id AND channel = OLD.channel
    AND reached = 0 AND answered = 0;
END;

-- Alerts wait for the response to complete (or for 30 minutes of silence): the time they are due.
ALTER TABLE alert_deliveries ADD COLUMN due_at TEXT;
