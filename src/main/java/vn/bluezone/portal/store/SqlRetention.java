package vn.bluezone.portal.store;

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

/**
 * Deletes raw data older than {@code store.retention}, in SQL that SQLite and PostgreSQL run alike: impressions, the
 * device keys seen per venue and day, and grants queued for polling gateways once expired. Roll-ups
 * ({@code impression_daily}, {@code impression_hour_kind}, {@code device_day_count} and the others) are kept. Runs in transactions of at most
 * {@link #CHUNK} rows (the connection in autocommit), so the event writer never waits long behind it. Every node of a
 * fleet schedules it; one at a time runs it ({@link Dialect#tryLock}), the others skip that run.
 *
 * <p>Impressions have no index on their time (none is paid for on the write path): the writers append them in
 * time order, so the oldest are the lowest ids, and they are deleted from the lowest id up to the first row
 * that is not old enough (on PostgreSQL, rows of nodes whose clocks differ by a moment wait for the next run).
 */
public final class SqlRetention implements Retention {
    static final int CHUNK = 2000;
    private static final Logger log = LoggerFactory.getLogger(SqlRetention.class);
    private static final String JOB = "retention";

    private static final String OLDEST_IMPRESSIONS = "SELECT id, at_ms FROM impression WHERE id > ? ORDER BY id LIMIT " + CHUNK;
    private static final String DELETE_IMPRESSIONS = "DELETE FROM impression WHERE id <= ? AND at_ms < ?";
    private static final String DELETE_FLAGGED_ACKNOWLEDGEMENTS = "DELETE FROM flagged_acknowledgement WHERE visit_nonce IN "
            + "(SELECT visit_nonce FROM flagged_acknowledgement WHERE at_ms < ? LIMIT " + CHUNK + ")";
    private static final String NEXT_VENUE = "SELECT venue FROM device_day WHERE venue > ? ORDER BY venue LIMIT 1";
    private static final String OLD_DAYS = "SELECT DISTINCT local_day FROM device_day WHERE venue = ? AND local_day < ?";
    private static final String DELETE_DEVICES = "DELETE FROM device_day WHERE venue = ? AND local_day = ? AND device_key IN "
            + "(SELECT device_key FROM device_day WHERE venue = ? AND local_day = ? LIMIT " + CHUNK + ")";
    private static final String DELETE_EXPIRED_GRANTS = "DELETE FROM polled_grant WHERE (gateway, grant_key) IN "
            + "(SELECT gateway, grant_key FROM polled_grant WHERE expires_ms <= ? LIMIT " + CHUNK + ")";

    private final Database db;
    private final InstantSource clock;
    private final Duration retention;

    public SqlRetention(Database db, InstantSource clock, Duration retention) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void purgeAndLog() {
        Purged p = purge();
        log.info("retention {}: deleted {} impressions, {} device-day keys, {} expired polled grants", retention,
                p.impressions(), p.deviceDays(), p.polledGrants());
    }

    /**
     * Deletes impressions older than the retention, device keys of days that ended before it (a day earlier
     * than the UTC day of the cutoff, so no venue's time zone loses a day early; their counts stay),
     * and grants that expired. Deletes nothing while another node of the fleet runs it.
     */
    @Override
    public Purged purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        LocalDate dayCutoff = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).minusDays(1);
        Dialect dialect = db.dialect();
        try (Connection c = db.connect()) {
            if (!dialect.tryLock(c, JOB)) {
                log.info("retention: another node is running it; skipped");
                return new Purged(0, 0, 0);
            }
            try {
                long impressions = impressions(c, cutoff.toEpochMilli()) + flaggedAcknowledgements(c, cutoff.toEpochMilli());
                return new Purged(impressions, deviceDays(c, dayCutoff.toString()), expiredGrants(c, now.toEpochMilli()));
            } finally {
                dialect.unlock(c, JOB);
            }
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

    /** The visit nonces kept for flagged acknowledgements (their raw data): deleted with the raw impressions. */
    private static long flaggedAcknowledgements(Connection c, long cutoffMs) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE_FLAGGED_ACKNOWLEDGEMENTS)) {
            delete.setLong(1, cutoffMs);
            return inChunks(delete);
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
                    deleted += inChunks(delete);
                }
            }
        }
    }

    private static long expiredGrants(Connection c, long nowMs) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED_GRANTS)) {
            delete.setLong(1, nowMs);
            return inChunks(delete);
        }
    }

    /** Runs a delete of at most {@link #CHUNK} rows (each its own transaction) until fewer go, or the job is stopping. */
    private static long inChunks(PreparedStatement delete) throws SQLException {
        long deleted = 0;
        int n;
        do {
            n = delete.executeUpdate();
            deleted += n;
        } while (n == CHUNK && !stopping());
        return deleted;
    }

    private static boolean stopping() {
        return Thread.currentThread().isInterrupted();
    }
}
