package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.store.Database;

/**
 * Statistics from SQLite, in one read transaction (a consistent snapshot; WAL readers never block the writer).
 * Every query is a range over the leading primary-key or index columns (venue, then day or start time), so a
 * period costs in proportion to the roll-up rows it covers, not to the raw events stored:
 * impressions from {@code impression_hourly}, unique devices from {@code device_day} (and, for days the
 * retention job has emptied, {@code device_day_count}), sessions from the {@code radius_session_by_venue} index.
 */
public final class SqliteStatsStore implements StatsStore {
    /** Every time zone in use today is a whole number of quarter hours from UTC. */
    private static final long QUARTER_HOUR_MS = 15 * 60 * 1000;

    private final Database db;

    public SqliteStatsStore(Database db) {
        this.db = db;
    }

    @Override
    public StatsSummary summary(StatsQuery query) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
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
        SortedMap<LocalDate, ImpressionCounts> byDay = new TreeMap<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            byDay.put(d, ImpressionCounts.NONE);
        }
        rollUp(c, "local_day", venues, q, (key, kind, n) -> byDay.merge(LocalDate.parse(key), ImpressionCounts.NONE.plus(kind, n),
                ImpressionCounts::plus));
        ImpressionCounts totals = byDay.values().stream().reduce(ImpressionCounts.NONE, ImpressionCounts::plus);

        List<ImpressionCounts> byHour = new ArrayList<>(Collections.nCopies(24, ImpressionCounts.NONE));
        rollUp(c, "local_hour", venues, q, (key, kind, n) -> {
            int hour = Integer.parseInt(key);
            byHour.set(hour, byHour.get(hour).plus(kind, n));
        });
        SortedMap<String, ImpressionCounts> byPlatform = new TreeMap<>();
        rollUp(c, "platform", venues, q, (key, kind, n) -> byPlatform.merge(key, ImpressionCounts.NONE.plus(kind, n), ImpressionCounts::plus));
        SortedMap<String, ImpressionCounts> byLanguage = new TreeMap<>();
        rollUp(c, "language", venues, q, (key, kind, n) -> byLanguage.merge(key, ImpressionCounts.NONE.plus(kind, n), ImpressionCounts::plus));

        return new StatsSummary(q, totals, Collections.unmodifiableSortedMap(byDay), List.copyOf(byHour),
                Collections.unmodifiableSortedMap(byPlatform), Collections.unmodifiableSortedMap(byLanguage),
                uniqueDevices(c, venues, q), sessions(c, q));
    }

    private interface Cell {
        void add(String key, ImpressionKind kind, long count);
    }

    /** Sums of the hourly roll-up by one of its columns and kind. */
    private static void rollUp(Connection c, String column, List<String> venues, StatsQuery q, Cell cell) throws SQLException {
        String sql = "SELECT " + column + ", kind, SUM(count) FROM impression_hourly WHERE venue IN (" + placeholders(venues.size())
                + ") AND local_day BETWEEN ? AND ? GROUP BY " + column + ", kind";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = bindVenues(s, venues);
            s.setString(++i, q.from().toString());
            s.setString(++i, q.to().toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    cell.add(rs.getString(1), ImpressionKind.fromCode(rs.getString(2)), rs.getLong(3));
                }
            }
        }
    }

    /**
     * Devices per day: the count the retention job kept for a venue's day where there is one (its keys are then
     * being or have been deleted), otherwise the keys still stored.
     */
    private static SortedMap<LocalDate, Long> uniqueDevices(Connection c, List<String> venues, StatsQuery q) throws SQLException {
        String where = " WHERE venue IN (" + placeholders(venues.size()) + ") AND local_day BETWEEN ? AND ?";
        Map<String, Long> perVenueDay = new HashMap<>();
        readCounts(c, "SELECT venue, local_day, COUNT(*) FROM device_day" + where + " GROUP BY venue, local_day", venues, q,
                (key, n) -> perVenueDay.put(key, n));
        readCounts(c, "SELECT venue, local_day, devices FROM device_day_count" + where, venues, q, (key, n) -> perVenueDay.put(key, n));
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        perVenueDay.forEach((key, n) -> byDay.merge(LocalDate.parse(key.substring(key.indexOf(' ') + 1)), n, Long::sum));
        return Collections.unmodifiableSortedMap(byDay);
    }

    private interface VenueDayCount {
        void add(String venueAndDay, long count);
    }

    private static void readCounts(Connection c, String sql, List<String> venues, StatsQuery q, VenueDayCount to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = bindVenues(s, venues);
            s.setString(++i, q.from().toString());
            s.setString(++i, q.to().toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    to.add(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                }
            }
        }
    }

    /**
     * Sessions per venue between the start of its first local day and the end of its last one: counted per
     * quarter hour in SQL, then placed on local days here (time zones differ per venue and over the year).
     * The median comes from the histogram of lengths, also counted in SQL.
     */
    private static StatsSummary.Sessions sessions(Connection c, StatsQuery q) throws SQLException {
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        TreeMap<Long, Long> lengths = new TreeMap<>();
        long count = 0;
        String range = " FROM radius_session WHERE venue = ? AND started_ms >= ? AND started_ms < ?";
        try (PreparedStatement started = c.prepareStatement("SELECT started_ms / " + QUARTER_HOUR_MS + ", COUNT(*)" + range + " GROUP BY 1");
                PreparedStatement ended = c.prepareStatement("SELECT session_seconds, COUNT(*)" + range
                        + " AND stopped_ms IS NOT NULL GROUP BY session_seconds")) {
            for (Map.Entry<String, ZoneId> venue : q.venues().entrySet()) {
                ZoneId zone = venue.getValue();
                long fromMs = q.from().atStartOfDay(zone).toInstant().toEpochMilli();
                long toMs = q.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
                for (PreparedStatement s : List.of(started, ended)) {
                    s.setString(1, venue.getKey());
                    s.setLong(2, fromMs);
                    s.setLong(3, toMs);
                }
                try (ResultSet rs = started.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(rs.getLong(1) * QUARTER_HOUR_MS), zone);
                        byDay.merge(day, rs.getLong(2), Long::sum);
                        count += rs.getLong(2);
                    }
                }
                try (ResultSet rs = ended.executeQuery()) {
                    while (rs.next()) {
                        lengths.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                    }
                }
            }
        }
        long completed = lengths.values().stream().mapToLong(Long::longValue).sum();
        return new StatsSummary.Sessions(Collections.unmodifiableSortedMap(byDay), count, completed, median(lengths, completed));
    }

    /** The lower middle value of a histogram (value to count) holding {@code total} values. */
    private static Optional<Duration> median(TreeMap<Long, Long> histogram, long total) {
        long position = (total - 1) / 2;
        long seen = 0;
        for (Map.Entry<Long, Long> e : histogram.entrySet()) {
            seen += e.getValue();
            if (seen > position) {
                return Optional.of(Duration.ofSeconds(e.getKey()));
            }
        }
        return Optional.empty();
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static int bindVenues(PreparedStatement s, List<String> venues) throws SQLException {
        int i = 0;
        for (String v : venues) {
            s.setString(++i, v);
        }
        return i;
    }
}
