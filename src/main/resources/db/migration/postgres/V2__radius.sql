-- PostgreSQL twin of db/migration/sqlite/V2.

-- When each device last acknowledged the notice. RADIUS MAC authentication lets a device online
-- without the notice while this is within its venue's reminder interval. Kept in the same
-- transaction as the acknowledgement impression.
CREATE TABLE device_acknowledgement (
    device_key      TEXT COLLATE "C" PRIMARY KEY,
    acknowledged_ms BIGINT           NOT NULL
) WITH (fillfactor = 80);  -- a later acknowledgement updates the row in place (HOT)

INSERT INTO device_acknowledgement (device_key, acknowledged_ms)
SELECT device_key, MAX(at_ms) FROM impression WHERE kind = 'acknowledged' GROUP BY device_key;

-- Grant tokens redeemed through RADIUS: the primary key makes each token usable once, on any node.
CREATE TABLE grant_redemption (
    nonce      TEXT COLLATE "C" PRIMARY KEY,
    at_ms      BIGINT           NOT NULL,
    venue      TEXT COLLATE "C" NOT NULL,
    nas        TEXT COLLATE "C" NOT NULL,
    device_key TEXT COLLATE "C" NOT NULL
);

-- Sessions as the NAS reports them in accounting. A record stored twice changes nothing:
-- times and counters only move forward.
CREATE TABLE radius_session (
    nas             TEXT COLLATE "C" NOT NULL,          -- NAS client name from the configuration
    session_id      TEXT COLLATE "C" NOT NULL,          -- Acct-Session-Id
    nas_address     TEXT COLLATE "C" NOT NULL,          -- where the NAS sent from: Disconnect-Requests go there
    venue           TEXT COLLATE "C" NOT NULL,
    device_key      TEXT COLLATE "C" NOT NULL,
    started_ms      BIGINT           NOT NULL,
    updated_ms      BIGINT           NOT NULL,
    stopped_ms      BIGINT,                   -- NULL while the session is open
    session_seconds BIGINT           NOT NULL,
    input_octets    BIGINT           NOT NULL,          -- from the device, Gigawords included
    output_octets   BIGINT           NOT NULL,          -- to the device, Gigawords included
    terminate_cause TEXT COLLATE "C",
    PRIMARY KEY (nas, session_id)
);

CREATE INDEX radius_session_open_by_device ON radius_session (device_key) WHERE stopped_ms IS NULL;
CREATE INDEX radius_session_open_by_nas ON radius_session (nas) WHERE stopped_ms IS NULL;
