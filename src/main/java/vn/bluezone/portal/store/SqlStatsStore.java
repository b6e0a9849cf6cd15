package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.bluezone.portal.events.ImpressionFlag;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.stats.FlaggedCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;

/**
 * Statistics in SQL that SQLite and PostgreSQL run alike (the day arithmetic is the {@link Dialect}'s), in one read
 * transaction that sees one snapshot (SQLite: WAL readers never block the writer; PostgreSQL: repeatable read).
 * Every query is a range over the leading primary-key or index columns (venue, then day or start time) of a
 * roll-up, so a period costs in proportion to its days, not to the raw events stored: impressions from
 * {@code impression_daily} and {@code impression_hour_kind}, unique devices from {@code device_day_count}, sessions of
 * settled days from {@code session_day} and {@code session_dwell} (see {@link SqlSessionRollup}) and of the
 * days after them from the {@code radius_session_by_venue} index.
 *
 * <p>What the rows add up to, the median dwell to the minute included, is {@link StatsTally}'s.
 */
public final class SqlStatsStore implements StatsStore {
    private final Database db;
    /** The row's local day as an index into the period (bound as the first parameter). */
    private final String dayIndex;

    public SqlStatsStore(Database db) {
        this.db = db;
        this.dayIndex = db.dialect().dayIndex();
    }

    @Override
    public StatsSummary summary(StatsQuery query) {
        try (Connection c = db.connect()) {
            db.dialect().beginSnapshot(c);
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
        StatsTally tally = new StatsTally(q);
        String where = " WHERE venue IN (" + placeholders(venues.size()) + ") AND local_day BETWEEN ? AND ?";
        // one pass each: the day and kind come as numbers (reading a text column costs more than the row itself),
        // platform, language and campaign as one text (a line each; none of them holds a line break)
        String daily = "SELECT " + dayIndex + ", " + KIND_INDEX + ", platform || '\n' || language || '\n' || campaign, count "
                + "FROM impression_daily" + where;
        Map<String, String[]> platformAndLanguage = new HashMap<>();
        try (PreparedStatement s = prepare(c, daily, true, venues, q); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String[] split = platformAndLanguage.computeIfAbsent(rs.getString(3), pl -> pl.split("\n", 3));
                tally.addDaily(rs.getInt(1), rs.getInt(2), split[0], split[1], split[2], rs.getLong(4));
            }
        }
        String hourly = "SELECT local_hour, " + KIND_INDEX + ", count FROM impression_hour_kind" + where;
        try (PreparedStatement s = prepare(c, hourly, false, venues, q); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tally.addHour(rs.getInt(1), rs.getInt(2), rs.getLong(3));
            }
        }
        // devices per day: the venues' counts, kept as devices are first seen on a day (and after their keys are deleted)
        try (PreparedStatement s = prepare(c, "SELECT " + dayIndex + ", devices FROM device_day_count" + where, true, venues, q);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tally.addDevices(rs.getInt(1), rs.getLong(2));
            }
        }
        sessions(c, q, tally);
        return tally.summary();
    }

    /** The row's kind as its {@link ImpressionKind} ordinal (every kind there is), -1 for a code this version does not know. */
    private static final String KIND_INDEX = kindIndex();

    private static String kindIndex() {
        StringBuilder sql = new StringBuilder("CASE kind");
        for (ImpressionKind k : ImpressionKind.values()) {
            sql.append(" WHEN '").append(k.code()).append("' THEN ").append(k.ordinal());
        }
        return sql.append(" ELSE -1 END").toString();
    }

    /** Binds the period's first day if the statement's day index asks for it first, then the venues and the period. */
    private static PreparedStatement prepare(Connection c, String sql, boolean dayIndexFirst, List<String> venues, StatsQuery q)
            throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        int i = 0;
        if (dayIndexFirst) {
            s.setString(++i, q.from().toString());
        }
        i = bind(s, i, venues);
        s.setString(++i, q.from().toString());
        s.setString(++i, q.to().toString());
        return s;
    }

    /**
     * Sessions per venue and local day (time zones differ per venue and over the year). Days up to the last one the
     * roll-up job has settled for a venue come from its rows; later days from the index of raw sessions: a COUNT
     * per day (no session row crosses into Java), and the ended ones' lengths counted per minute. Venues with the
     * same time zone and the same last settled day are read together.
     */
    private void sessions(Connection c, StatsQuery q, StatsTally tally) throws SQLException {
        Map<String, LocalDate> settled = settledThrough(c, List.copyOf(q.venues().keySet()));
        Map<Map.Entry<ZoneId, LocalDate>, List<String>> groups = new HashMap<>();
        q.venues().forEach((venue, zone) -> groups.computeIfAbsent(Map.entry(zone, settled.getOrDefault(venue, LocalDate.MIN)),
                g -> new ArrayList<>()).add(venue));
        for (Map.Entry<Map.Entry<ZoneId, LocalDate>, List<String>> group : groups.entrySet()) {
            ZoneId zone = group.getKey().getKey();
            LocalDate through = group.getKey().getValue();
            List<String> venues = group.getValue();
            if (!through.isBefore(q.from())) {
                settledSessions(c, venues, q.from(), through.isBefore(q.to()) ? through : q.to(), tally);
            }
            LocalDate first = through.isBefore(q.from()) ? q.from() : through.plusDays(1);
            if (!first.isAfter(q.to())) {
                rawSessions(c, venues, zone, q.from(), first, q.to(), tally);
            }
        }
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

    private void settledSessions(Connection c, List<String> venues, LocalDate periodStart, LocalDate last, StatsTally tally)
            throws SQLException {
        String range = " WHERE venue IN (" + placeholders(venues.size()) + ") AND local_day BETWEEN ? AND ?";
        try (PreparedStatement s = c.prepareStatement("SELECT " + dayIndex + ", started FROM session_day" + range)) {
            s.setString(1, periodStart.toString());
            int i = bind(s, 1, venues);
            s.setString(++i, periodStart.toString());
            s.setString(++i, last.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tally.addSessions(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT minutes, SUM(sessions) FROM session_dwell" + range + " GROUP BY minutes")) {
            int i = bind(s, 0, venues);
            s.setString(++i, periodStart.toString());
            s.setString(++i, last.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tally.addDwell(rs.getLong(1), rs.getLong(2));
                }
            }
        }
    }

    private static void rawSessions(Connection c, List<String> venues, ZoneId zone, LocalDate periodStart, LocalDate first, LocalDate last,
            StatsTally tally) throws SQLException {
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
                    tally.addSessions(offset + d, rs.getLong(d + 1));
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
                    tally.addDwell(rs.getLong(1), rs.getLong(2));
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

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
