-- PostgreSQL only (SQLite nodes keep this in <data-dir>/portal-secret.key): the fleet's master secret. Device keys,
-- visit seals and grant tokens are derived from it, so every node must hold the same one. The first node to start
-- inserts a random one (INSERT ... ON CONFLICT DO NOTHING); every node, that one included, then reads the row that won.
-- A point version so that the SQLite migrations V7 and later keep their numbers here too.
CREATE TABLE fleet_secret (
    name       TEXT COLLATE "C" PRIMARY KEY,    -- 'portal-master'
    secret     BYTEA            NOT NULL,       -- 32 random bytes
    created_ms BIGINT           NOT NULL
);
