package vn.bluezone.portal.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.ImpressionTally;

/**
 * Statistics from PostgreSQL, in one read-only repeatable-read transaction (a consistent snapshot, whatever the nodes
 * are writing meanwhile). Every query is a range over the leading primary-key or index columns (venue, then day or
 * start time), so a period costs in proportion to the roll-up rows it covers, not to the raw events stored:
 * impressions from {@code impression_hourly}, unique devices from {@code device_day} (and, for days the retention job
 * has emptied, {@code device_day_count}), sessions from the {@code radius_session_by_venue} index.
 */
public final class PostgresStatsStore implements StatsStore {
    private final Database db;

    public PostgresStatsStore(Database db) {
        this.db = db;
    }

    @Override
    public StatsSummary summary(StatsQuery query) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return read(c, query);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read statistics: " + e.getMessage(), e);
        }
    }

    private StatsSummary read(Connection c, StatsQuery q) throws SQLException {
        List<String> venues = new ArrayList<>(q.venues().keySet());
        ImpressionTally tally = new ImpressionTally(q);
        // one pass in primary-key order, summed here: four GROUP BYs would each sort the same rows
        String sql = "SELECT local_day - ?::date, local_hour, "
                + "CASE kind WHEN 'shown' THEN 0 WHEN 'acknowledged' THEN 1 WHEN 'store_click' THEN 2 WHEN 'returning' THEN 3 ELSE -1 END, "
                + "platform, language, count FROM impression_hourly WHERE venue = ANY (?) AND local_day BETWEEN ? AND ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, q.from());
            s.setArray(2, venueArray(c, venues));
            s.setObject(3, q.from());
            s.setObject(4, q.to());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tally.add(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getLong(6));
                }
            }
        }
        return tally.summary(uniqueDevices(c, venues, q), sessions(c, q));
    }

    /**
     * Devices per day: the count the retention job kept for a venue's day where there is one (its keys are then
     * being or have been deleted), otherwise the keys still stored.
     */
    private static SortedMap<LocalDate, Long> uniqueDevices(Connection c, List<String> venues, StatsQuery q) throws SQLException {
        String where = " WHERE venue = ANY (?) AND local_day BETWEEN ? AND ?";
        Map<String, Long> perVenueDay = new HashMap<>();
        readCounts(c, "SELECT venue, local_day, COUNT(*) FROM device_day" + where + " GROUP BY venue, local_day", venues, q,
                perVenueDay::put);
        readCounts(c, "SELECT venue, local_day, devices FROM device_day_count" + where, venues, q, perVenueDay::put);
        return ImpressionTally.devicesByDay(q, perVenueDay);
    }

    private interface VenueDayCount {
        void add(String venueAndDay, long count);
    }

    private static void readCounts(Connection c, String sql, List<String> venues, StatsQuery q, VenueDayCount to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, venueArray(c, venues));
            s.setObject(2, q.from());
            s.setObject(3, q.to());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    to.add(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                }
            }
        }
    }

    /**
     * Sessions per venue and local day (time zones differ per venue and over the year): {@code width_bucket} places each
     * start among the venue's day boundaries, computed here on the venue's clock, so no session row crosses into Java;
     * the median of the completed sessions' lengths is {@code percentile_cont(0.5)} over the same ranges.
     */
    private static StatsSummary.Sessions sessions(Connection c, StatsQuery q) throws SQLException {
        int days = (int) StatsQuery.days(q.from(), q.to());
        long[] perDay = new long[days];
        long count = 0;
        List<Object> ranges = new ArrayList<>();
        String sql = "SELECT width_bucket(started_ms, ?::bigint[]), COUNT(*) FROM radius_session "
                + "WHERE venue = ? AND started_ms >= ? AND started_ms < ? GROUP BY 1";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Map.Entry<String, ZoneId> venue : q.venues().entrySet()) {
                long[] dayStarts = new long[days + 1];
                for (int d = 0; d <= days; d++) {
                    dayStarts[d] = q.from().plusDays(d).atStartOfDay(venue.getValue()).toInstant().toEpochMilli();
                }
                s.setObject(1, dayStarts);
                s.setString(2, venue.getKey());
                s.setLong(3, dayStarts[0]);
                s.setLong(4, dayStarts[days]);
                ranges.add(venue.getKey());
                ranges.add(dayStarts[0]);
                ranges.add(dayStarts[days]);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        perDay[rs.getInt(1) - 1] += rs.getLong(2);
                        count += rs.getLong(2);
                    }
                }
            }
        }
        long completed;
        Optional<Duration> median;
        String ended = "SELECT COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY session_seconds) FROM radius_session "
                + "WHERE stopped_ms IS NOT NULL AND ("
                + String.join(" OR ", Collections.nCopies(q.venues().size(), "(venue = ? AND started_ms >= ? AND started_ms < ?)")) + ")";
        try (PreparedStatement s = c.prepareStatement(ended)) {
            for (int i = 0; i < ranges.size(); i++) {
                s.setObject(i + 1, ranges.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                completed = rs.getLong(1);
                double seconds = rs.getDouble(2);
                median = rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
            }
        }
        return new StatsSummary.Sessions(ImpressionTally.countsByDay(q, perDay), count, completed, median);
    }

    private static Array venueArray(Connection c, List<String> venues) throws SQLException {
        return c.createArrayOf("text", venues.toArray());
    }
}
