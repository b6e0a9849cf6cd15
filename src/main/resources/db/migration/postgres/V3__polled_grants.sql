-- PostgreSQL twin of db/migration/sqlite/V3.

-- Visitors waiting for a gateway that fetches the clients to let in (openNDS authmon, FAS levels 3
-- and 4). A row is written with the visitor's acknowledgement, handed to the gateway's poller until
-- the gateway confirms it (let_in_ms), and forgotten once settled. grant_key is openNDS's rhid.
CREATE TABLE polled_grant (
    gateway    TEXT COLLATE "C" NOT NULL,   -- the portal's gateway id
    grant_key  TEXT COLLATE "C" NOT NULL,
    poller     TEXT COLLATE "C" NOT NULL,   -- the router's gatewayhash
    line       TEXT COLLATE "C" NOT NULL,   -- what the router is handed
    queued_ms  BIGINT           NOT NULL,
    expires_ms BIGINT           NOT NULL,
    let_in_ms  BIGINT,            -- NULL while waiting
    PRIMARY KEY (gateway, grant_key)
);

CREATE INDEX polled_grant_waiting ON polled_grant (gateway, poller, queued_ms) WHERE let_in_ms IS NULL;
