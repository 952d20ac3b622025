-- Targeting, fatigue and scheduling. A survey's trigger, priority and schedule live in its
-- definition (JSON); the site gains the days a visitor is left alone after any survey was shown.
ALTER TABLE sites ADD COLUMN fatigue_days INTEGER NOT NULL DEFAULT 14;
