package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.Database;

/**
 * Deletes raw data older than {@code store.retention}: impressions, the device keys seen per venue and day, and
 * grants queued for polling gateways once expired. Roll-ups ({@code impression_hourly}, {@code device_day_count})
 * are kept. Runs on its own thread, in transactions of at most {@link #CHUNK} rows, so the event writer never
 * waits long for the database lock.
 *
 * <p>Impressions have no index on their time (none is paid for on the write path): the writer appends them in
 * time order, so the oldest are the lowest ids, and they are deleted from the lowest id up to the first row
 * that is not old enough.
 */
public final class SqliteRetention {
    static final int CHUNK = 2000;
    private static final Logger log = LoggerFactory.getLogger(SqliteRetention.class);

    private static final String OLDEST_IMPRESSIONS = "SELECT id, at_ms FROM impression WHERE id > ? ORDER BY id LIMIT " + CHUNK;
    private static final String DELETE_IMPRESSIONS = "DELETE FROM impression WHERE id <= ? AND at_ms < ?";
    private static final String NEXT_VENUE = "SELECT venue FROM device_day WHERE venue > ? ORDER BY venue LIMIT 1";
    private static final String OLD_DAYS = "SELECT DISTINCT local_day FROM device_day WHERE venue = ? AND local_day < ?";
    private static final String DELETE_DEVICES = "DELETE FROM device_day WHERE venue = ? AND local_day = ? AND device_key IN "
            + "(SELECT device_key FROM device_day WHERE venue = ? AND local_day = ? LIMIT " + CHUNK + ")";
    private static final String DELETE_EXPIRED_GRANTS = "DELETE FROM polled_grant WHERE (gateway, grant_key) IN "
            + "(SELECT gateway, grant_key FROM polled_grant WHERE expires_ms <= ? LIMIT " + CHUNK + ")";

    /** What one run deleted. */
    public record Purged(long impressions, long deviceDays, long polledGrants) {
    }

    private final Database db;
    private final InstantSource clock;
    private final Duration retention;

    public SqliteRetention(Database db, InstantSource clock, Duration retention) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    /** Runs {@link #purge()}, logging what it deleted. */
    public void purgeAndLog() {
        Purged p = purge();
        log.info("retention {}: deleted {} impressions, {} device-day keys, {} expired polled grants", retention,
                p.impressions(), p.deviceDays(), p.polledGrants());
    }

    /**
     * Deletes impressions older than the retention, device keys of days that ended before it (a day earlier
     * than the UTC day of the cutoff, so no venue's time zone loses a day early; their counts stay),
     * and grants that expired.
     */
    public Purged purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        LocalDate dayCutoff = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).minusDays(1);
        try (Connection c = db.connect()) {
            return new Purged(impressions(c, cutoff.toEpochMilli()), deviceDays(c, dayCutoff.toString()), expiredGrants(c, now.toEpochMilli()));
        } catch (SQLException e) {
            throw new StoreUnavailableException("retention job: " + e.getMessage(), e);
        }
    }

    private static long impressions(Connection c, long cutoffMs) throws SQLException {
        long deleted = 0;
        try (PreparedStatement oldest = c.prepareStatement(OLDEST_IMPRESSIONS); PreparedStatement delete = c.prepareStatement(DELETE_IMPRESSIONS)) {
            long after = 0;
            while (true) {
                long lastOld = -1;
                int rows = 0;
                boolean reachedNew = false;
                oldest.setLong(1, after);
                try (ResultSet rs = oldest.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        if (rs.getLong(2) >= cutoffMs) {
                            reachedNew = true;
                            break;
                        }
                        lastOld = rs.getLong(1);
                    }
                }
                if (lastOld >= 0) {
                    delete.setLong(1, lastOld);
                    delete.setLong(2, cutoffMs);
                    deleted += delete.executeUpdate();
                    after = lastOld;
                }
                if (reachedNew || rows < CHUNK || stopping()) {
                    return deleted;
                }
            }
        }
    }

    private static long deviceDays(Connection c, String beforeDay) throws SQLException {
        long deleted = 0;
        try (PreparedStatement nextVenue = c.prepareStatement(NEXT_VENUE); PreparedStatement oldDays = c.prepareStatement(OLD_DAYS);
                PreparedStatement delete = c.prepareStatement(DELETE_DEVICES)) {
            String venue = "";
            while (true) {
                nextVenue.setString(1, venue);
                try (ResultSet rs = nextVenue.executeQuery()) {
                    if (!rs.next() || stopping()) {
                        return deleted;
                    }
                    venue = rs.getString(1);
                }
                oldDays.setString(1, venue);
                oldDays.setString(2, beforeDay);
                List<String> days = new ArrayList<>();
                try (ResultSet rs = oldDays.executeQuery()) {
                    while (rs.next()) {
                        days.add(rs.getString(1));
                    }
                }
                for (int i = 0; i < days.size(); i++) {
                    // the day's count is kept in device_day_count as its devices are first seen
                    delete.setString(1, venue);
                    delete.setString(2, days.get(i));
                    delete.setString(3, venue);
                    delete.setString(4, days.get(i));
                    int n;
                    do {
                        n = delete.executeUpdate();
                        deleted += n;
                    } while (n == CHUNK && !stopping());
                }
            }
        }
    }

    private static long expiredGrants(Connection c, long nowMs) throws SQLException {
        long deleted = 0;
        try (PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED_GRANTS)) {
            delete.setLong(1, nowMs);
            int n;
            do {
                n = delete.executeUpdate();
                deleted += n;
            } while (n == CHUNK);
        }
        return deleted;
    }

    private static boolean stopping() {
        return Thread.currentThread().isInterrupted();
    }
}
