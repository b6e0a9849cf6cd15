package vn.bluezone.portal.store.sqlite;

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
 * Every query is a range over the leading primary-key or index columns (venue, then day or start time) of a
 * roll-up, so a period costs in proportion to its days, not to the raw events stored: impressions from
 * {@code impression_daily} and {@code impression_hour_kind}, unique devices from {@code device_day_count}, sessions of
 * settled days from {@code session_day} and {@code session_dwell} (see {@link SqliteSessionRollup}) and of the
 * days after them from the {@code radius_session_by_venue} index.
 *
 * <p>The median dwell is read to the minute: sessions are counted per whole minute of length, and the median is
 * the middle of the minute it falls in (the mean of two such middles for an even count).
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
        Map<String, long[]> byCampaign = new TreeMap<>();
        String where = " WHERE venue IN (" + placeholders(venues.size()) + ") AND local_day BETWEEN ? AND ?";
        // one pass each, summed here: GROUP BYs would each sort the same rows. The day and kind come as numbers
        // (reading a text column costs more than the row itself), platform, language and campaign as one text.
        String daily = "SELECT " + DAY_INDEX + ", " + KIND_INDEX + ", platform || char(10) || language || char(10) || campaign, count "
                + "FROM impression_daily" + where;
        Map<String, String[]> platformAndLanguage = new HashMap<>();
        try (PreparedStatement s = prepare(c, daily, venues, q); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int day = rs.getInt(1);
                int kind = rs.getInt(2);
                if (kind < 0 || day < 0 || day >= days) {
                    continue;
                }
                long count = rs.getLong(4);
                byDay[day][kind] += count;
                String[] split = platformAndLanguage.computeIfAbsent(rs.getString(3), pl -> pl.split("\n", 3));
                byPlatform.computeIfAbsent(split[0], k -> new long[KINDS.length])[kind] += count;
                byLanguage.computeIfAbsent(split[1], k -> new long[KINDS.length])[kind] += count;
                byCampaign.computeIfAbsent(split[2], k -> new long[KINDS.length])[kind] += count;
            }
        }
        String hourly = "SELECT local_hour, " + KIND_INDEX + ", count FROM impression_hour_kind" + where;
        try (PreparedStatement s = prepare(c, hourly, venues, q); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int kind = rs.getInt(2);
                if (kind >= 0) {
                    byHour[rs.getInt(1)][kind] += rs.getLong(3);
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
                table(byCampaign),
                uniqueDevices(c, venues, q, where), sessions(c, q));
    }

    /** The row's local day as an index into the period (bound as the first parameter). */
    private static final String DAY_INDEX = "CAST(julianday(local_day) - julianday(?) AS INTEGER)";
    /** The row's kind as its {@link ImpressionKind} ordinal (every kind there is), -1 for a code this version does not know. */
    private static final String KIND_INDEX = kindIndex();

    private static String kindIndex() {
        StringBuilder sql = new StringBuilder("CASE kind");
        for (ImpressionKind k : ImpressionKind.values()) {
            sql.append(" WHEN '").append(k.code()).append("' THEN ").append(k.ordinal());
        }
        return sql.append(" ELSE -1 END").toString();
    }

    /** Binds the period's first day if the statement asks for it first, then the venues and the period. */
    private static PreparedStatement prepare(Connection c, String sql, List<String> venues, StatsQuery q) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        int i = 0;
        if (sql.startsWith("SELECT " + DAY_INDEX)) {
            s.setString(++i, q.from().toString());
        }
        i = bind(s, i, venues);
        s.setString(++i, q.from().toString());
        s.setString(++i, q.to().toString());
        return s;
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

    /** Devices per day: the venues' counts, kept as devices are first seen on a day (and after their keys are deleted). */
    private static SortedMap<LocalDate, Long> uniqueDevices(Connection c, List<String> venues, StatsQuery q, String where) throws SQLException {
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        try (PreparedStatement s = prepare(c, "SELECT " + DAY_INDEX + ", devices FROM device_day_count" + where, venues, q);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                LocalDate day = q.from().plusDays(rs.getInt(1));
                long devices = rs.getLong(2);
                byDay.computeIfPresent(day, (d, n) -> n + devices);
            }
        }
        return Collections.unmodifiableSortedMap(byDay);
    }

    /**
     * Sessions per venue and local day (time zones differ per venue and over the year). Days up to the last one the
     * roll-up job has settled for a venue come from its rows; later days from the index of raw sessions: a COUNT
     * per day (no session row crosses into Java), and the ended ones' lengths counted per minute. Venues with the
     * same time zone and the same last settled day are read together.
     */
    private static StatsSummary.Sessions sessions(Connection c, StatsQuery q) throws SQLException {
        int days = (int) StatsQuery.days(q.from(), q.to());
        long[] perDay = new long[days];
        SortedMap<Long, Long> dwell = new TreeMap<>();
        Map<String, LocalDate> settled = settledThrough(c, List.copyOf(q.venues().keySet()));
        Map<Map.Entry<ZoneId, LocalDate>, List<String>> groups = new HashMap<>();
        q.venues().forEach((venue, zone) -> groups.computeIfAbsent(Map.entry(zone, settled.getOrDefault(venue, LocalDate.MIN)),
                g -> new ArrayList<>()).add(venue));
        for (Map.Entry<Map.Entry<ZoneId, LocalDate>, List<String>> group : groups.entrySet()) {
            ZoneId zone = group.getKey().getKey();
            LocalDate through = group.getKey().getValue();
            List<String> venues = group.getValue();
            if (!through.isBefore(q.from())) {
                settledSessions(c, venues, q.from(), through.isBefore(q.to()) ? through : q.to(), perDay, dwell);
            }
            LocalDate first = through.isBefore(q.from()) ? q.from() : through.plusDays(1);
            if (!first.isAfter(q.to())) {
                rawSessions(c, venues, zone, q.from(), first, q.to(), perDay, dwell);
            }
        }
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        long count = 0;
        for (int d = 0; d < days; d++) {
            byDay.put(q.from().plusDays(d), perDay[d]);
            count += perDay[d];
        }
        long completed = dwell.values().stream().mapToLong(Long::longValue).sum();
        return new StatsSummary.Sessions(Collections.unmodifiableSortedMap(byDay), count, completed, median(dwell, completed));
    }

    /** The last local day the roll-up job has written, for each venue that has one. */
    private static Map<String, LocalDate> settledThrough(Connection c, List<String> venues) throws SQLException {
        Map<String, LocalDate> settled = new HashMap<>();
        String sql = "SELECT venue, MAX(local_day) FROM session_day WHERE venue IN (" + placeholders(venues.size()) + ") GROUP BY venue";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, 0, venues);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    settled.put(rs.getString(1), LocalDate.parse(rs.getString(2)));
                }
            }
        }
        return settled;
    }

    /** Its own query over {@code flagged_impression_hourly}, beside (never inside) the summary's. */
    @Override
    public Map<String, FlaggedCounts> flagged(StatsQuery q) {
        List<String> venues = new ArrayList<>(q.venues().keySet());
        String sql = "SELECT venue, kind, reason, SUM(count) FROM flagged_impression_hourly WHERE venue IN (" + placeholders(venues.size())
                + ") AND local_day BETWEEN ? AND ? GROUP BY venue, kind, reason";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = bind(s, 0, venues);
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

    private static void settledSessions(Connection c, List<String> venues, LocalDate periodStart, LocalDate last, long[] perDay,
            SortedMap<Long, Long> dwell) throws SQLException {
        String range = " WHERE venue IN (" + placeholders(venues.size()) + ") AND local_day BETWEEN ? AND ?";
        try (PreparedStatement s = c.prepareStatement("SELECT " + DAY_INDEX + ", started FROM session_day" + range)) {
            s.setString(1, periodStart.toString());
            int i = bind(s, 1, venues);
            s.setString(++i, periodStart.toString());
            s.setString(++i, last.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    perDay[rs.getInt(1)] += rs.getLong(2);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT minutes, SUM(sessions) FROM session_dwell" + range + " GROUP BY minutes")) {
            int i = bind(s, 0, venues);
            s.setString(++i, periodStart.toString());
            s.setString(++i, last.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    dwell.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                }
            }
        }
    }

    private static void rawSessions(Connection c, List<String> venues, ZoneId zone, LocalDate periodStart, LocalDate first, LocalDate last,
            long[] perDay, SortedMap<Long, Long> dwell) throws SQLException {
        int offset = (int) StatsQuery.days(periodStart, first) - 1;
        int days = (int) StatsQuery.days(first, last);
        String inVenues = "venue IN (" + placeholders(venues.size()) + ")";
        // one statement, one COUNT per day: a statement run costs more than counting a day's entries
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int d = 0; d < days; d++) {
            sql.append(d == 0 ? "" : ", ").append("(SELECT COUNT(*) FROM radius_session WHERE ").append(inVenues)
                    .append(" AND started_ms >= ? AND started_ms < ?)");
        }
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 0;
            for (int d = 0; d < days; d++) {
                i = bind(s, i, venues);
                s.setLong(++i, startOf(first.plusDays(d), zone));
                s.setLong(++i, startOf(first.plusDays(d + 1), zone));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                for (int d = 0; d < days; d++) {
                    perDay[offset + d] += rs.getLong(d + 1);
                }
            }
        }
        String ended = "SELECT session_seconds / 60, COUNT(*) FROM radius_session WHERE " + inVenues
                + " AND started_ms >= ? AND started_ms < ? AND stopped_ms IS NOT NULL GROUP BY 1";
        try (PreparedStatement s = c.prepareStatement(ended)) {
            int i = bind(s, 0, venues);
            s.setLong(++i, startOf(first, zone));
            s.setLong(++i, startOf(last.plusDays(1), zone));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    dwell.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                }
            }
        }
    }

    /** Binds the venues after parameter {@code offset}; returns the last parameter bound. */
    private static int bind(PreparedStatement s, int offset, List<String> venues) throws SQLException {
        int i = offset;
        for (String v : venues) {
            s.setString(++i, v);
        }
        return i;
    }

    private static long startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The middle of the minute the median falls in; for an even count the mean of the two middle ones. */
    private static Optional<Duration> median(SortedMap<Long, Long> sessionsByMinute, long count) {
        if (count == 0) {
            return Optional.empty();
        }
        long lower = -1;
        long upper = -1;
        long seen = 0;
        for (Map.Entry<Long, Long> e : sessionsByMinute.entrySet()) {
            seen += e.getValue();
            if (lower < 0 && seen > (count - 1) / 2) {
                lower = e.getKey();
            }
            if (seen > count / 2) {
                upper = e.getKey();
                break;
            }
        }
        long millis = (lower * 60_000 + 30_000 + upper * 60_000 + 30_000) / 2;
        return Optional.of(Duration.ofMillis(millis));
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
