-- PostgreSQL twin of db/migration/sqlite/V5: statistics beside the hourly roll-up.

-- Which devices each venue saw on each local day, filled in the same transaction as the impressions
-- (ON CONFLICT DO NOTHING, deduplicated per batch first). COUNT(*) over a venue's days is its number of unique
-- devices per day. Keys of raw data: deleted with the raw impressions after store.retention.
CREATE TABLE device_day (
    venue      TEXT COLLATE "C" NOT NULL,
    local_day  DATE             NOT NULL,          -- the day on the venue's clock
    device_key TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (venue, local_day, device_key)
);

-- The number of device_day rows of a venue and day, written by the retention job just before it deletes
-- that day's device keys, so unique devices per day stay readable after the keys are gone. Kept forever.
CREATE TABLE device_day_count (
    venue     TEXT COLLATE "C" NOT NULL,
    local_day DATE             NOT NULL,
    devices   BIGINT           NOT NULL,
    PRIMARY KEY (venue, local_day)
);

INSERT INTO device_day (venue, local_day, device_key) SELECT venue, local_day, device_key FROM impression ON CONFLICT DO NOTHING;

-- Sessions of a venue by start time, covering what the statistics read (count per day, dwell).
CREATE INDEX radius_session_by_venue ON radius_session (venue, started_ms, session_seconds, stopped_ms);
