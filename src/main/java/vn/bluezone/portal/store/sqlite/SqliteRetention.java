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
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.ChunkedDeletes;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.Retention;

/**
 * Deletes raw data older than {@code store.retention}: impressions, the device keys seen per venue and day, and
 * grants queued for polling gateways once expired. Roll-ups ({@code impression_hourly}, {@code device_day_count})
 * are kept. Run daily by a {@link vn.bluezone.portal.store.RetentionJob}, in transactions of at most {@link #CHUNK} rows, so
 * the event writer never waits long for the database lock (impressions and expired grants: {@link ChunkedDeletes}).
 */
public final class SqliteRetention implements Retention {
    private static final int CHUNK = ChunkedDeletes.CHUNK;

    private static final String NEXT_VENUE = "SELECT venue FROM device_day WHERE venue > ? ORDER BY venue LIMIT 1";
    private static final String OLD_DAYS = "SELECT local_day, COUNT(*) FROM device_day WHERE venue = ? AND local_day < ? GROUP BY local_day";
    private static final String KEEP_COUNT = "INSERT OR IGNORE INTO device_day_count (venue, local_day, devices) VALUES (?, ?, ?)";
    private static final String DELETE_DEVICES = "DELETE FROM device_day WHERE venue = ? AND local_day = ? AND device_key IN "
            + "(SELECT device_key FROM device_day WHERE venue = ? AND local_day = ? LIMIT " + CHUNK + ")";

    private final Database db;
    private final InstantSource clock;
    private final Duration retention;

    public SqliteRetention(Database db, InstantSource clock, Duration retention) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Deletes impressions older than the retention, device keys of days that ended before it (a day earlier
     * than the UTC day of the cutoff, so no venue's time zone loses a day early) after keeping each day's count,
     * and grants that expired.
     */
    @Override
    public Purged purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        LocalDate dayCutoff = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).minusDays(1);
        try (Connection c = db.connect()) {
            return new Purged(ChunkedDeletes.impressions(c, cutoff.toEpochMilli()), deviceDays(c, dayCutoff.toString()),
                    ChunkedDeletes.expiredGrants(c, now.toEpochMilli()));
        } catch (SQLException e) {
            throw new StoreUnavailableException("retention job: " + e.getMessage(), e);
        }
    }

    private static long deviceDays(Connection c, String beforeDay) throws SQLException {
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
                oldDays.setString(2, beforeDay);
                List<String> days = new ArrayList<>();
                List<Long> counts = new ArrayList<>();
                try (ResultSet rs = oldDays.executeQuery()) {
                    while (rs.next()) {
                        days.add(rs.getString(1));
                        counts.add(rs.getLong(2));
                    }
                }
                for (int i = 0; i < days.size(); i++) {
                    // the count first: should the job stop half-way, the day's count is already kept whole
                    keep.setString(1, venue);
                    keep.setString(2, days.get(i));
                    keep.setLong(3, counts.get(i));
                    keep.executeUpdate();
                    delete.setString(1, venue);
                    delete.setString(2, days.get(i));
                    delete.setString(3, venue);
                    delete.setString(4, days.get(i));
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
