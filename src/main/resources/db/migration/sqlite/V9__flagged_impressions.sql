-- Impressions that were recorded but do not count towards their venue's figures: from a source address outside the
-- gateway's source-addresses, or beyond the per-device or per-address counting limits. Written in the same transaction
-- as the other events of their batch, instead of impression, impression_hourly and device_day (so no raw row: a flood
-- adds a few roll-up rows per hour, not a row per request). Statistics show them beside the venue's totals.
CREATE TABLE flagged_impression_hourly (
    venue      TEXT    NOT NULL,
    local_day  TEXT    NOT NULL,          -- yyyy-mm-dd on the venue's clock
    local_hour INTEGER NOT NULL,          -- 0..23 on the venue's clock
    kind       TEXT    NOT NULL,          -- shown | acknowledged | store_click | returning
    reason     TEXT    NOT NULL,          -- outside_gateway_addresses | device_limit | address_limit
    count      INTEGER NOT NULL,
    PRIMARY KEY (venue, local_day, local_hour, kind, reason)
) WITHOUT ROWID;

-- The visit nonces of flagged acknowledgements: a visit is acknowledged once, flagged or not (the store checks both
-- this table and impression's unique index). Deleted with the raw impressions after store.retention.
CREATE TABLE flagged_acknowledgement (
    visit_nonce TEXT    PRIMARY KEY,
    at_ms       INTEGER NOT NULL
) WITHOUT ROWID;
