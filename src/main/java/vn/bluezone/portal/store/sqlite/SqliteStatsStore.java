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
import vn.bluezone.portal.events.ImpressionFlag;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.stats.FlaggedCounts;
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
        int days = (int) StatsQuery.days(q.from(), q.to());
        long[][] byDay = new long[days][KINDS.length];
        long[][] byHour = new long[24][KINDS.length];
        Map<String, long[]> byPlatform = new TreeMap<>();
        Map<String, long[]> byLanguage = new TreeMap<>();
        // one pass in primary-key order, summed here: four GROUP BYs would each sort the same rows. Reading a text
        // column costs more than the row itself, so the day and kind come as numbers, platform and language as one text.
        String sql = "SELECT CAST(julianday(local_day) - julianday(?) AS INTEGER), local_hour, "
                + "CASE kind WHEN 'shown' THEN 0 WHEN 'acknowledged' THEN 1 WHEN 'store_click' THEN 2 WHEN 'returning' THEN 3 ELSE -1 END, "
                + "platform || ' ' || language, count FROM impression_hourly WHERE venue IN (" + placeholders(venues.size())
                + ") AND local_day BETWEEN ? AND ?";
        Map<String, String[]> platformAndLanguage = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, q.from().toString());
            int i = 1;
            for (String v : venues) {
                s.setString(++i, v);
            }
            s.setString(++i, q.from().toString());
            s.setString(++i, q.to().toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int day = rs.getInt(1);
                    int kind = rs.getInt(3);
                    if (kind < 0 || day < 0 || day >= days) {
                        continue;
                    }
                    long count = rs.getLong(5);
                    byDay[day][kind] += count;
                    byHour[rs.getInt(2)][kind] += count;
                    String[] split = platformAndLanguage.computeIfAbsent(rs.getString(4), pl -> pl.split(" ", 2));
                    byPlatform.computeIfAbsent(split[0], k -> new long[KINDS.length])[kind] += count;
                    byLanguage.computeIfAbsent(split[1], k -> new long[KINDS.length])[kind] += count;
                }
            }
        }
        SortedMap<LocalDate, ImpressionCounts> byDate = new TreeMap<>();
        for (int d = 0; d < days; d++) {
            byDate.put(q.from().plusDays(d), counts(byDay[d]));
        }
        ImpressionCounts totals = byDate.values().stream().reduce(ImpressionCounts.NONE, ImpressionCounts::plus);
        List<ImpressionCounts> hours = new ArrayList<>(24);
        for (long[] h : byHour) {
            hours.add(counts(h));
        }
        return new StatsSummary(q, totals, Collections.unmodifiableSortedMap(byDate), List.copyOf(hours), table(byPlatform), table(byLanguage),
                uniqueDevices(c, venues, q), sessions(c, q));
    }

    private static final ImpressionKind[] KINDS = ImpressionKind.values();

    private static ImpressionCounts counts(long[] byKind) {
        ImpressionCounts c = ImpressionCounts.NONE;
        for (ImpressionKind k : KINDS) {
            c = c.plus(k, byKind[k.ordinal()]);
        }
        return c;
    }

    private static SortedMap<String, ImpressionCounts> table(Map<String, long[]> rows) {
        SortedMap<String, ImpressionCounts> table = new TreeMap<>();
        rows.forEach((key, byKind) -> table.put(key, counts(byKind)));
        return Collections.unmodifiableSortedMap(table);
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
     * Sessions per venue and local day (time zones differ per venue and over the year): a COUNT per day over
     * the covering index, so no session row crosses into Java; the median of the completed sessions' lengths is SQLite's
     * {@code median()} over the same ranges.
     */
    private static StatsSummary.Sessions sessions(Connection c, StatsQuery q) throws SQLException {
        int days = (int) StatsQuery.days(q.from(), q.to());
        long[] perDay = new long[days];
        long count = 0;
        List<Object> ranges = new ArrayList<>();
        // one statement per venue, one COUNT per day: a statement run costs more than counting a day's entries
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int d = 0; d < days; d++) {
            sql.append(d == 0 ? "" : ", ").append("(SELECT COUNT(*) FROM radius_session WHERE venue = ?1 AND started_ms >= ?")
                    .append(d + 2).append(" AND started_ms < ?").append(d + 3).append(')');
        }
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (Map.Entry<String, ZoneId> venue : q.venues().entrySet()) {
                s.setString(1, venue.getKey());
                for (int d = 0; d <= days; d++) {
                    s.setLong(d + 2, q.from().plusDays(d).atStartOfDay(venue.getValue()).toInstant().toEpochMilli());
                }
                ranges.add(venue.getKey());
                ranges.add(q.from().atStartOfDay(venue.getValue()).toInstant().toEpochMilli());
                ranges.add(q.to().plusDays(1).atStartOfDay(venue.getValue()).toInstant().toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    for (int d = 0; d < days; d++) {
                        perDay[d] += rs.getLong(d + 1);
                        count += rs.getLong(d + 1);
                    }
                }
            }
        }
        long completed;
        Optional<Duration> median;
        String ended = "SELECT COUNT(*), median(session_seconds) FROM radius_session WHERE stopped_ms IS NOT NULL AND ("
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
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        for (int d = 0; d < days; d++) {
            byDay.put(q.from().plusDays(d), perDay[d]);
        }
        return new StatsSummary.Sessions(Collections.unmodifiableSortedMap(byDay), count, completed, median);
    }

    /** Its own query over {@code flagged_impression_hourly}, beside (never inside) the summary's. */
    @Override
    public Map<String, FlaggedCounts> flagged(StatsQuery q) {
        List<String> venues = new ArrayList<>(q.venues().keySet());
        String sql = "SELECT venue, kind, reason, SUM(count) FROM flagged_impression_hourly WHERE venue IN (" + placeholders(venues.size())
                + ") AND local_day BETWEEN ? AND ? GROUP BY venue, kind, reason";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = bindVenues(s, venues);
            s.setString(++i, q.from().toString());
            s.setString(++i, q.to().toString());
            Map<String, FlaggedCounts> flagged = new TreeMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String venue = rs.getString(1);
                    flagged.put(venue, flagged.getOrDefault(venue, FlaggedCounts.NONE)
                            .plus(ImpressionKind.fromCode(rs.getString(2)), ImpressionFlag.fromCode(rs.getString(3)), rs.getLong(4)));
                }
            }
            return Collections.unmodifiableMap(flagged);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read flagged impressions: " + e.getMessage(), e);
        }
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
