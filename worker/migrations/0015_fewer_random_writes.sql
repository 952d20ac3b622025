-- Indexes whose every new entry landed at a random place. Client ids are random, so an index entry
-- that ends with a response id goes anywhere in its B-tree and dirties a page of its own; one that
-- ends with the rowid is appended. Such entries were most of what writing an answer cost (measured
-- on the ingest consumer's batches).

-- No query reads answers by site, type and day: they are read by response id, their primary key.
-- A site's or a survey's answers are deleted with their responses (trigger responses_cascade_delete).
-- One index entry, a random one, and one row written less per answer.
DROP INDEX answers_site_type_day;

-- The day indexes of responses ended with the response id: no query reads them in id order (pages
-- of responses go by created_at, with its own index), so they end with the rowid now.
DROP INDEX responses_site_day;
DROP INDEX responses_site_survey_day;
CREATE INDEX responses_site_day ON responses(site_id, day);
CREATE INDEX responses_site_survey_day ON responses(site_id, survey_id, day);
