-- Teams, account lifecycle and data requests; login throttling that cannot lock an owner out.

-- Who may act on a site, and how (shared/constants.ts ROLES). Access is decided here;
-- sites.owner_id only records the account that created the site (or inherited it).
CREATE TABLE site_members (
  id         TEXT PRIMARY KEY,
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  owner_id   TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  created_at TEXT NOT NULL,
  UNIQUE (site_id, owner_id)
);
CREATE INDEX site_members_owner ON site_members(owner_id);

INSERT INTO site_members (id, site_id, owner_id, role, created_at)
SELECT 'mem_' || lower(hex(randomblob(8))), id, owner_id, 'owner', created_at FROM sites;

-- Whoever creates a site owns it, however the row is written (API, seed, tests).
CREATE TRIGGER sites_creator_is_owner AFTER INSERT ON sites
BEGIN
  INSERT INTO site_members (id, site_id, owner_id, role, created_at)
  VALUES ('mem_' || lower(hex(randomblob(8))), NEW.id, NEW.owner_id, 'owner', NEW.created_at);
END;

-- Pending invitations: one per site and email, single use (the row goes when accepted or
-- revoked), expiring; the link's token is stored as SHA-256 only.
CREATE TABLE invitations (
  id         TEXT PRIMARY KEY,
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  email      TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  UNIQUE (site_id, email)
);
CREATE INDEX invitations_email ON invitations(email);
CREATE INDEX invitations_expiry ON invitations(expires_at);

-- API tokens act with at most their scope's role, and with at most the role of the member who
-- made them; a token minted by a token is revoked with it.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'read' CHECK (scope IN ('read', 'write', 'admin'));
-- Tokens made before scopes existed had full owner power: they keep it until revoked.
UPDATE api_tokens SET scope = 'admin';
ALTER TABLE api_tokens ADD COLUMN created_by TEXT REFERENCES owners(id) ON DELETE CASCADE;
UPDATE api_tokens SET created_by = (SELECT owner_id FROM sites WHERE sites.id = api_tokens.site_id);
ALTER TABLE api_tokens ADD COLUMN parent_id TEXT;
CREATE INDEX api_tokens_parent ON api_tokens(parent_id);
CREATE INDEX api_tokens_creator ON api_tokens(created_by);

-- Deletion: a site or survey is hidden at once by this mark and its rows are deleted in bounded
-- chunks (by the request, then by the hourly cron), the row itself last.
ALTER TABLE sites ADD COLUMN deleted_at TEXT;
ALTER TABLE surveys ADD COLUMN deleted_at TEXT;
CREATE INDEX sites_deleted ON sites(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX surveys_deleted ON surveys(deleted_at) WHERE deleted_at IS NOT NULL;
-- An account being deleted: its email is freed at once, the row goes once no site names it.
ALTER TABLE owners ADD COLUMN deleted_at TEXT;
CREATE INDEX site_origins_site ON site_origins(site_id);

-- A customer's erasure request by a context value (DELETE /api/sites/:siteId/responses?context=),
-- kept as proof and so the erasure can be applied again after a backup restore.
CREATE TABLE context_erasures (
  id            TEXT PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  context_key   TEXT NOT NULL,
  context_value TEXT NOT NULL,
  erased_at     TEXT NOT NULL,
  deleted       INTEGER NOT NULL
);
CREATE INDEX context_erasures_site ON context_erasures(site_id, erased_at);

-- Login throttling, counted before the password is checked. One row per account and client
-- (a keyed hash of the client address under a daily salt, never the address) with a growing
-- delay, and one per account (client '*') capping untrusted clients per hour (OWASP ASVS).
DROP TABLE login_failures;
CREATE TABLE login_attempts (
  email        TEXT NOT NULL,
  client       TEXT NOT NULL,
  failures     INTEGER NOT NULL,
  window_start TEXT NOT NULL,
  next_at      TEXT NOT NULL,
  PRIMARY KEY (email, client)
) WITHOUT ROWID;
CREATE INDEX login_attempts_window ON login_attempts(window_start);

-- Browsers that signed in to an account before (an HttpOnly cookie, stored as SHA-256): they
-- skip the account-wide cap, so guesses from elsewhere cannot lock the owner out.
CREATE TABLE login_devices (
  id_hash    TEXT NOT NULL,
  owner_id   TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (id_hash, owner_id)
) WITHOUT ROWID;
CREATE INDEX login_devices_owner ON login_devices(owner_id);
CREATE INDEX login_devices_expiry ON login_devices(expires_at);
