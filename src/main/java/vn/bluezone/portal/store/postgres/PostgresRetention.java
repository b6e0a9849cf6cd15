package vn.bluezone.portal.store.postgres;

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
import vn.bluezone.portal.store.ChunkedDeletes;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.Retention;

/**
 * Deletes raw data older than {@code store.retention}: impressions, the device keys seen per venue and day, and
 * grants queued for polling gateways once expired. Roll-ups ({@code impression_hourly}, {@code device_day_count})
 * are kept. Run daily by a {@link vn.bluezone.portal.store.RetentionJob}, in transactions of at most {@link #CHUNK} rows, so
 * the writers never wait long for a row lock (impressions and expired grants: {@link ChunkedDeletes}). Every node
 * schedules it; an advisory lock lets one node at a time run it, the others skip that run.
 */
public final class PostgresRetention implements Retention {
    private static final int CHUNK = ChunkedDeletes.CHUNK;
    private static final Logger log = LoggerFactory.getLogger(PostgresRetention.class);

    /** The advisory lock key of this job: one run at a time across the fleet. */
    private static final String LOCK = "SELECT pg_try_advisory_lock(hashtext('bluezone-retention'))";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('bluezone-retention'))";
    private static final String NEXT_VENUE = "SELECT venue FROM device_day WHERE venue > ? ORDER BY venue LIMIT 1";
    private static final String OLD_DAYS = "SELECT local_day, COUNT(*) FROM device_day WHERE venue = ? AND local_day < ? GROUP BY local_day";
    private static final String KEEP_COUNT = "INSERT INTO device_day_count (venue, local_day, devices) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String DELETE_DEVICES = "DELETE FROM device_day WHERE venue = ? AND local_day = ? AND device_key IN "
            + "(SELECT device_key FROM device_day WHERE venue = ? AND local_day = ? LIMIT " + CHUNK + ")";

    private final Database db;
    private final InstantSource clock;
    private final Duration retention;

    public PostgresRetention(Database db, InstantSource clock, Duration retention) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Deletes impressions older than the retention, device keys of days that ended before it (a day earlier
     * than the UTC day of the cutoff, so no venue's time zone loses a day early) after keeping each day's count,
     * and grants that expired. Deletes nothing while another node runs it.
     */
    @Override
    public Purged purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        LocalDate dayCutoff = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).minusDays(1);
        try (Connection c = db.connect()) {
            if (!advisoryLock(c, LOCK)) {
                log.info("retention: another node is running it; skipped");
                return new Purged(0, 0, 0);
            }
            try {
                return new Purged(ChunkedDeletes.impressions(c, cutoff.toEpochMilli()), deviceDays(c, dayCutoff),
                        ChunkedDeletes.expiredGrants(c, now.toEpochMilli()));
            } finally {
                advisoryLock(c, UNLOCK);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("retention job: " + e.getMessage(), e);
        }
    }

    private static boolean advisoryLock(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static long deviceDays(Connection c, LocalDate beforeDay) throws SQLException {
        long deleted = 0;
        try (PreparedStatement nextVenue = c.prepareStatement(NEXT_VENUE); PreparedStatement oldDays = c.prepareStatement(OLD_DAYS);
                PreparedStatement keep = c.prepareStatement(KEEP_COUNT); PreparedStatement delete = c.prepareStatement(DELETE_DEVICES)) {
            String venue = "";
            while (true) {
                nextVenue.setString(1, venue);
                try (ResultSet rs = nextVenue.executeQuery()) {
                    if (!rs.next() || ChunkedDeletes.stopping()) {
                        return deleted;
                    }
                    venue = rs.getString(1);
                }
                oldDays.setString(1, venue);
                oldDays.setObject(2, beforeDay);
                List<LocalDate> days = new ArrayList<>();
                List<Long> counts = new ArrayList<>();
                try (ResultSet rs = oldDays.executeQuery()) {
                    while (rs.next()) {
                        days.add(rs.getObject(1, LocalDate.class));
                        counts.add(rs.getLong(2));
                    }
                }
                for (int i = 0; i < days.size(); i++) {
                    // the count first: should the job stop half-way, the day's count is already kept whole
                    keep.setString(1, venue);
                    keep.setObject(2, days.get(i));
                    keep.setLong(3, counts.get(i));
                    keep.executeUpdate();
                    delete.setString(1, venue);
                    delete.setObject(2, days.get(i));
                    delete.setString(3, venue);
                    delete.setObject(4, days.get(i));
                    int n;
                    do {
                        n = delete.executeUpdate();
                        deleted += n;
                    } while (n == CHUNK && !ChunkedDeletes.stopping());
                }
            }
        }
    }
}
