-- PostgreSQL twin of db/migration/sqlite/V1: the same tables, columns and meaning, in PostgreSQL's types
-- (days are DATE, hours SMALLINT, times and counts BIGINT). Text compares byte by byte (COLLATE "C"), as SQLite's
-- does, whatever the database's locale: the same order on both stores, and key comparisons that cost a memcmp.

-- Raw impression events. No raw MAC or IP is ever stored: device_key is a keyed hash.
CREATE TABLE impression (
    id          BIGINT           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms       BIGINT           NOT NULL,          -- epoch milliseconds (UTC)
    local_day   DATE             NOT NULL,          -- the day on the venue's clock
    local_hour  SMALLINT         NOT NULL,          -- 0..23 on the venue's clock
    venue       TEXT COLLATE "C" NOT NULL,
    gateway     TEXT COLLATE "C" NOT NULL,
    device_key  TEXT COLLATE "C" NOT NULL,
    kind        TEXT COLLATE "C" NOT NULL,          -- shown | acknowledged | store_click | returning
    platform    TEXT COLLATE "C" NOT NULL,          -- ios | android | other
    language    TEXT COLLATE "C" NOT NULL,
    campaign    TEXT COLLATE "C" NOT NULL,
    visit_nonce TEXT COLLATE "C"                    -- set on acknowledgements only
);

-- A visit is acknowledged at most once, on any node: a replayed Continue is refused by this index.
CREATE UNIQUE INDEX impression_acknowledged_once ON impression (visit_nonce) WHERE visit_nonce IS NOT NULL;

-- Counts per venue, local hour, kind, platform, language and campaign, kept in the same transaction
-- as the raw events: statistics read these few rows instead of scanning events, and the raw table
-- needs no secondary index on the write path.
CREATE TABLE impression_hourly (
    venue      TEXT COLLATE "C" NOT NULL,
    local_day  DATE             NOT NULL,
    local_hour SMALLINT         NOT NULL,
    kind       TEXT COLLATE "C" NOT NULL,
    platform   TEXT COLLATE "C" NOT NULL,
    language   TEXT COLLATE "C" NOT NULL,
    campaign   TEXT COLLATE "C" NOT NULL,
    count      BIGINT           NOT NULL,
    PRIMARY KEY (venue, local_day, local_hour, kind, platform, language, campaign)
) WITH (fillfactor = 70);  -- room on each page, so adding to a count is a HOT update (no index entry, no page split)
