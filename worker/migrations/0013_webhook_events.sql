-- Webhooks for every event (shared/webhooks.ts): what each webhook receives and in which format,
-- deliveries of every event in the alert deliveries' table (queued, retried and dead-lettered alike),
-- and a lease so that one consumer at a time sends a delivery.

-- `format`: 'json', 'slack' or 'teams'. `events`: a JSON array of event names. Webhooks made before
-- this posted the alerts of unhappy answers only, and keep doing so.
ALTER TABLE webhooks ADD COLUMN format TEXT NOT NULL DEFAULT 'json' CHECK (format IN ('json', 'slack', 'teams'));
ALTER TABLE webhooks ADD COLUMN events TEXT NOT NULL DEFAULT '["response.unhappy"]';

-- Every delivery is of one event. Ids: response id ':' webhook id for response.unhappy (as before),
-- then ':created' or ':completed'; an erasure's or a follow-up change's own id ':' webhook id.
-- `response_id` is the response it is about, or the erasure's id ('erasure:…') for response.erased.
ALTER TABLE alert_deliveries ADD COLUMN event TEXT NOT NULL DEFAULT 'response.unhappy';
-- What an event carries that cannot be read at send time: the ids a response.erased reports (they
-- are gone), the status and note a follow_up.changed reports (they may change again). Other events
-- are built from the response when they are sent, so an answer erased meanwhile is never sent.
ALTER TABLE alert_deliveries ADD COLUMN payload TEXT;
-- Until when a consumer sending it holds it: a second message of the same delivery waits.
ALTER TABLE alert_deliveries ADD COLUMN lease_until TEXT;

-- response.created for every new response, and response.completed when it is complete at once, for
-- each active webhook that asked for them. An insert happens once per response (a repeated
-- submission inserts nothing), and so does each of these.
CREATE TRIGGER responses_webhook_created AFTER INSERT ON responses
BEGIN
  INSERT INTO alert_deliveries (id, site_id, webhook_id, response_id, status, created_at, updated_at, due_at, event)
  SELECT NEW.id || ':' || w.id || ':' || e.suffix, NEW.site_id, w.id, NEW.id, 'pending',
    NEW.created_at, NEW.created_at, NEW.created_at, e.event
  FROM webhooks w
  JOIN (SELECT 'response.created' AS event, 'created' AS suffix
        UNION ALL SELECT 'response.completed', 'completed' WHERE NEW.complete = 1) e
  WHERE w.site_id = NEW.site_id AND w.active = 1
    AND EXISTS (SELECT 1 FROM json_each(w.events) j WHERE j.value = e.event)
  ON CONFLICT (id) DO NOTHING;
END;

-- response.completed when a partial response's last part completes it (only ever once: 0 -> 1).
CREATE TRIGGER responses_webhook_completed AFTER UPDATE OF complete ON responses
WHEN OLD.complete = 0 AND NEW.complete = 1
BEGIN
  INSERT INTO alert_deliveries (id, site_id, webhook_id, response_id, status, created_at, updated_at, due_at, event)
  SELECT NEW.id || ':' || w.id || ':completed', NEW.site_id, w.id, NEW.id, 'pending',
    COALESCE(NEW.updated_at, NEW.created_at), COALESCE(NEW.updated_at, NEW.created_at),
    COALESCE(NEW.updated_at, NEW.created_at), 'response.completed'
  FROM webhooks w
  WHERE w.site_id = NEW.site_id AND w.active = 1
    AND EXISTS (SELECT 1 FROM json_each(w.events) j WHERE j.value = 'response.completed')
  ON CONFLICT (id) DO NOTHING;
END;

-- Erasure reaches queued events too: the deliveries about an erased response go with it, so none is
-- sent later and none keeps a trace of it (a queued message for one finds nothing, and is dropped).
-- What tells receivers of the erasure is its own event, response.erased.
DROP TRIGGER responses_erase_alerts;
CREATE TRIGGER responses_erase_alerts AFTER DELETE ON responses
BEGIN
  DELETE FROM alert_deliveries WHERE response_id = OLD.id;
END;
