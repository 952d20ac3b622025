-- responses_site_nps (site_id, nps_min, created_at) has no reader left: a segment filter (a range of
-- lowest NPS) now reads the window's days (db/responses.ts, `unindexed`), because the index had every
-- window walk all of a site's detractors, say. One index entry, and one row written, less per response.
DROP INDEX responses_site_nps;
