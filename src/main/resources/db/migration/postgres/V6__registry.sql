-- PostgreSQL twin of db/migration/sqlite/V6.

-- Venues, gateways and RADIUS clients added by operators in the web UI, beside those of the configuration file
-- (which stay there and are never written here). settings holds the entry as JSON in the configuration file's own
-- keys (code, name, time-zone, ...; id, kind, venue, faskey, level, ...; name, address, secret, venue, ...), so it
-- is read back and checked by the same rules as the file. Like the configuration file, it holds the secrets
-- (faskey, uamsecret, generic secret, RADIUS shared secret): the portal needs them to verify the gateways.
CREATE TABLE registry_entry (
    section    TEXT COLLATE "C" NOT NULL,          -- venue | gateway | radius-client
    key        TEXT COLLATE "C" NOT NULL,          -- venue code, gateway id, RADIUS client name
    settings   TEXT COLLATE "C" NOT NULL,          -- JSON object in the configuration file's keys
    created_ms BIGINT           NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL,          -- the operator's user name
    -- the order entries were added in; named after SQLite's implicit rowid so one ORDER BY serves both stores
    rowid      BIGINT           GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (section, key)
);
