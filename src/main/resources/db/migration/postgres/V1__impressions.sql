-- PostgreSQL twin of db/migration/sqlite/V1: the same tables, columns and meaning, in PostgreSQL's types
-- (days are DATE, hours SMALLINT, times and counts BIGINT).

-- Raw impression events. No raw MAC or IP is ever stored: device_key is a keyed hash.
CREATE TABLE impression (
    id          BIGINT   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms       BIGINT   NOT NULL,          -- epoch milliseconds (UTC)
    local_day   DATE     NOT NULL,          -- the day on the venue's clock
    local_hour  SMALLINT NOT NULL,          -- 0..23 on the venue's clock
    venue       TEXT     NOT NULL,
    gateway     TEXT     NOT NULL,
    device_key  TEXT     NOT NULL,
    kind        TEXT     NOT NULL,          -- shown | acknowledged | store_click | returning
    platform    TEXT     NOT NULL,          -- ios | android | other
    language    TEXT     NOT NULL,
    campaign    TEXT     NOT NULL,
    visit_nonce TEXT                        -- set on acknowledgements only
);

-- A visit is acknowledged at most once, on any node: a replayed Continue is refused by this index.
CREATE UNIQUE INDEX impression_acknowledged_once ON impression (visit_nonce) WHERE visit_nonce IS NOT NULL;

-- Counts per venue, local hour, kind, platform, language and campaign, kept in the same transaction
-- as the raw events: statistics read these few rows instead of scanning events, and the raw table
-- needs no secondary index on the write path.
CREATE TABLE impression_hourly (
    venue      TEXT     NOT NULL,
    local_day  DATE     NOT NULL,
    local_hour SMALLINT NOT NULL,
    kind       TEXT     NOT NULL,
    platform   TEXT     NOT NULL,
    language   TEXT     NOT NULL,
    campaign   TEXT     NOT NULL,
    count      BIGINT   NOT NULL,
    PRIMARY KEY (venue, local_day, local_hour, kind, platform, language, campaign)
);
