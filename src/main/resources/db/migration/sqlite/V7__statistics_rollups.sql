-- Smaller roll-ups for the dashboard, so a 90-day period of a busy venue reads a few thousand rows, not the
-- hundreds of thousands of impression_hourly, device_day and radius_session rows it covers.

-- Impressions per venue, local day, kind, platform, language and campaign (impression_hourly without the
-- hour), kept by the event writer in the same transaction as impression_hourly.
CREATE TABLE impression_daily (
    venue     TEXT    NOT NULL,
    local_day TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    platform  TEXT    NOT NULL,
    language  TEXT    NOT NULL,
    campaign  TEXT    NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (venue, local_day, kind, platform, language, campaign)
) WITHOUT ROWID;

INSERT INTO impression_daily (venue, local_day, kind, platform, language, campaign, count)
SELECT venue, local_day, kind, platform, language, campaign, SUM(count) FROM impression_hourly
GROUP BY venue, local_day, kind, platform, language, campaign;

-- Impressions per venue, local day, hour and kind (impression_hourly without platform, language and campaign),
-- kept by the event writer likewise: the "by hour of day" chart.
CREATE TABLE impression_hour_kind (
    venue      TEXT    NOT NULL,
    local_day  TEXT    NOT NULL,
    local_hour INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (venue, local_day, local_hour, kind)
) WITHOUT ROWID;

INSERT INTO impression_hour_kind (venue, local_day, local_hour, kind, count)
SELECT venue, local_day, local_hour, kind, SUM(count) FROM impression_hourly GROUP BY venue, local_day, local_hour, kind;

-- device_day_count now holds every day's count, kept as devices are first seen (the trigger below), not only
-- the counts the retention job saved before deleting a day's keys.
INSERT OR IGNORE INTO device_day_count (venue, local_day, devices)
SELECT venue, local_day, COUNT(*) FROM device_day GROUP BY venue, local_day;

CREATE TRIGGER device_day_counted AFTER INSERT ON device_day
BEGIN
    INSERT INTO device_day_count (venue, local_day, devices) VALUES (NEW.venue, NEW.local_day, 1)
    ON CONFLICT (venue, local_day) DO UPDATE SET devices = devices + 1;
END;

-- RADIUS sessions of settled local days (started at least SESSION_SETTLE days ago on the venue's clock), written
-- once per venue and day by the session roll-up job: sessions started, those that had ended by then, and the
-- ended ones' lengths in whole minutes (the median dwell is read from these). A day with no session has a row
-- of zeros, so the latest row of a venue says how far the job has come.
CREATE TABLE session_day (
    venue     TEXT    NOT NULL,
    local_day TEXT    NOT NULL,
    started   INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    PRIMARY KEY (venue, local_day)
) WITHOUT ROWID;

CREATE TABLE session_dwell (
    venue     TEXT    NOT NULL,
    local_day TEXT    NOT NULL,
    minutes   INTEGER NOT NULL,          -- session length in whole minutes (seconds / 60, rounded down)
    sessions  INTEGER NOT NULL,
    PRIMARY KEY (venue, local_day, minutes)
) WITHOUT ROWID;
