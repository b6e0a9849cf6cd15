-- Statistics beside the hourly roll-up. (V4 is taken by the accounts branch.)

-- Which devices each venue saw on each local day, filled in the same transaction as the impressions
-- (INSERT OR IGNORE, deduplicated per batch first). COUNT(*) over a venue's days is its number of unique
-- devices per day. Keys of raw data: deleted with the raw impressions after store.retention.
CREATE TABLE device_day (
    venue      TEXT NOT NULL,
    local_day  TEXT NOT NULL,          -- yyyy-mm-dd on the venue's clock
    device_key TEXT NOT NULL,
    PRIMARY KEY (venue, local_day, device_key)
) WITHOUT ROWID;

-- The number of device_day rows of a venue and day, written by the retention job just before it deletes
-- that day's device keys, so unique devices per day stay readable after the keys are gone. Kept forever.
CREATE TABLE device_day_count (
    venue     TEXT    NOT NULL,
    local_day TEXT    NOT NULL,
    devices   INTEGER NOT NULL,
    PRIMARY KEY (venue, local_day)
) WITHOUT ROWID;

INSERT OR IGNORE INTO device_day (venue, local_day, device_key) SELECT venue, local_day, device_key FROM impression;

-- Sessions of a venue by start time, covering what the statistics read (count per day, dwell).
CREATE INDEX radius_session_by_venue ON radius_session (venue, started_ms, session_seconds, stopped_ms);
