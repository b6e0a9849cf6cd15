-- PostgreSQL twin of db/migration/sqlite/V7: smaller roll-ups for the dashboard, so a 90-day period of a busy venue
-- reads a few thousand rows, not the hundreds of thousands of impression_hourly, device_day and radius_session rows
-- it covers.

-- Impressions per venue, local day, kind, platform, language and campaign (impression_hourly without the
-- hour), kept by the event writer in the same transaction as impression_hourly.
CREATE TABLE impression_daily (
    venue     TEXT COLLATE "C" NOT NULL,
    local_day DATE             NOT NULL,
    kind      TEXT COLLATE "C" NOT NULL,
    platform  TEXT COLLATE "C" NOT NULL,
    language  TEXT COLLATE "C" NOT NULL,
    campaign  TEXT COLLATE "C" NOT NULL,
    count     BIGINT           NOT NULL,
    PRIMARY KEY (venue, local_day, kind, platform, language, campaign)
) WITH (fillfactor = 70);  -- adding to a count is a HOT update

INSERT INTO impression_daily (venue, local_day, kind, platform, language, campaign, count)
SELECT venue, local_day, kind, platform, language, campaign, SUM(count) FROM impression_hourly
GROUP BY venue, local_day, kind, platform, language, campaign;

-- Impressions per venue, local day, hour and kind (impression_hourly without platform, language and campaign),
-- kept by the event writer likewise: the "by hour of day" chart.
CREATE TABLE impression_hour_kind (
    venue      TEXT COLLATE "C" NOT NULL,
    local_day  DATE             NOT NULL,
    local_hour SMALLINT         NOT NULL,
    kind       TEXT COLLATE "C" NOT NULL,
    count      BIGINT           NOT NULL,
    PRIMARY KEY (venue, local_day, local_hour, kind)
) WITH (fillfactor = 70);

INSERT INTO impression_hour_kind (venue, local_day, local_hour, kind, count)
SELECT venue, local_day, local_hour, kind, SUM(count) FROM impression_hourly GROUP BY venue, local_day, local_hour, kind;

-- device_day_count now holds every day's count, kept as devices are first seen (the trigger below), not only
-- the counts the retention job saved before deleting a day's keys.
INSERT INTO device_day_count (venue, local_day, devices)
SELECT venue, local_day, COUNT(*) FROM device_day GROUP BY venue, local_day
ON CONFLICT DO NOTHING;

ALTER TABLE device_day_count SET (fillfactor = 70);

-- One statement per batch adds the devices it inserted (those ON CONFLICT DO NOTHING skipped are not in new_rows),
-- a count per venue and day, in key order like every other roll-up write.
CREATE FUNCTION device_day_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO device_day_count AS c (venue, local_day, devices)
    SELECT venue, local_day, COUNT(*) FROM new_rows GROUP BY venue, local_day ORDER BY venue, local_day
    ON CONFLICT (venue, local_day) DO UPDATE SET devices = c.devices + excluded.devices;
    RETURN NULL;
END $$;

CREATE TRIGGER device_day_counted AFTER INSERT ON device_day
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION device_day_counted();

-- RADIUS sessions of settled local days (started at least SESSION_SETTLE days ago on the venue's clock), written
-- once per venue and day by the session roll-up job: sessions started, those that had ended by then, and the
-- ended ones' lengths in whole minutes (the median dwell is read from these). A day with no session has a row
-- of zeros, so the latest row of a venue says how far the job has come.
CREATE TABLE session_day (
    venue     TEXT COLLATE "C" NOT NULL,
    local_day DATE             NOT NULL,
    started   BIGINT           NOT NULL,
    completed BIGINT           NOT NULL,
    PRIMARY KEY (venue, local_day)
);

CREATE TABLE session_dwell (
    venue     TEXT COLLATE "C" NOT NULL,
    local_day DATE             NOT NULL,
    minutes   BIGINT           NOT NULL,          -- session length in whole minutes (seconds / 60, rounded down)
    sessions  BIGINT           NOT NULL,
    PRIMARY KEY (venue, local_day, minutes)
);
