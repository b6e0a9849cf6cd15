package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.Database;

/**
 * Rolls RADIUS sessions up per venue and settled local day ({@code session_day}, {@code session_dwell}), so the
 * statistics of a long period read one row per day instead of every session. A day is settled once
 * {@value #SETTLE_DAYS} whole days have passed after it on the venue's clock: by then its sessions have ended
 * (a session lasts at most the venue's reminder interval, 24 h by default) and their Stops have arrived. A record
 * that arrives later still (a NAS that kept a Stop for days) is not in the roll-up.
 *
 * <p>Each venue and day is written once, in a transaction of its own (the event writer never waits long); nodes of a fleet that run the job at
 * the same time write the same rows, and the second insert is ignored.
 */
public final class SqliteSessionRollup {
    /** Days after which a local day is rolled up. */
    public static final int SETTLE_DAYS = 3;
    /** Ended sessions of a venue started in {@code [?2, ?3)} counted per whole minute of length. */
    private static final String DWELL_MINUTES = "SELECT session_seconds / 60, COUNT(*) FROM radius_session "
            + "WHERE venue = ? AND started_ms >= ? AND started_ms < ? AND stopped_ms IS NOT NULL GROUP BY 1";
    private static final Logger log = LoggerFactory.getLogger(SqliteSessionRollup.class);
    private static final String LAST_DAY = "SELECT MAX(local_day) FROM session_day WHERE venue = ?";
    private static final String FIRST_SESSION = "SELECT MIN(started_ms) FROM radius_session WHERE venue = ?";
    private static final String STARTED = "SELECT COUNT(*) FROM radius_session WHERE venue = ? AND started_ms >= ? AND started_ms < ?";
    private static final String ADD_DAY = "INSERT OR IGNORE INTO session_day (venue, local_day, started, completed) VALUES (?, ?, ?, ?)";
    private static final String ADD_DWELL = "INSERT OR IGNORE INTO session_dwell (venue, local_day, minutes, sessions) VALUES (?, ?, ?, ?)";

    private final Database db;
    private final InstantSource clock;
    private final Supplier<Map<String, ZoneId>> venues;

    /** @param venues the venues to roll up, each with its time zone (read again on every run) */
    public SqliteSessionRollup(Database db, InstantSource clock, Supplier<Map<String, ZoneId>> venues) {
        this.db = db;
        this.clock = clock;
        this.venues = venues;
    }

    /** Runs {@link #rollUp()}, logging what it wrote. */
    public void rollUpAndLog() {
        int days = rollUp();
        if (days > 0) {
            log.info("session roll-up: {} venue-days settled", days);
        }
    }

    /**
     * Writes the roll-up rows of every venue's settled days not yet written, from the day of its first session.
     *
     * @return how many venue-days were written
     */
    public int rollUp() {
        int written = 0;
        try (Connection c = db.connect()) {
            for (Map.Entry<String, ZoneId> venue : venues.get().entrySet()) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                written += rollUp(c, venue.getKey(), venue.getValue());
            }
            return written;
        } catch (SQLException e) {
            throw new StoreUnavailableException("session roll-up: " + e.getMessage(), e);
        }
    }

    private int rollUp(Connection c, String venue, ZoneId zone) throws SQLException {
        LocalDate lastSettled = LocalDate.ofInstant(clock.instant(), zone).minusDays(SETTLE_DAYS);
        LocalDate first = firstDayToWrite(c, venue, zone);
        if (first == null || first.isAfter(lastSettled)) {
            return 0;
        }
        c.setAutoCommit(false);
        try (PreparedStatement started = c.prepareStatement(STARTED); PreparedStatement dwell = c.prepareStatement(DWELL_MINUTES);
                PreparedStatement addDay = c.prepareStatement(ADD_DAY); PreparedStatement addDwell = c.prepareStatement(ADD_DWELL)) {
            int written = 0;
            for (LocalDate day = first; !day.isAfter(lastSettled); day = day.plusDays(1)) {
                long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
                long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
                long completed = 0;
                dwell.setString(1, venue);
                dwell.setLong(2, from);
                dwell.setLong(3, to);
                try (ResultSet rs = dwell.executeQuery()) {
                    while (rs.next()) {
                        completed += rs.getLong(2);
                        addDwell.setString(1, venue);
                        addDwell.setString(2, day.toString());
                        addDwell.setLong(3, rs.getLong(1));
                        addDwell.setLong(4, rs.getLong(2));
                        addDwell.executeUpdate();
                    }
                }
                started.setString(1, venue);
                started.setLong(2, from);
                started.setLong(3, to);
                addDay.setString(1, venue);
                addDay.setString(2, day.toString());
                try (ResultSet rs = started.executeQuery()) {
                    rs.next();
                    addDay.setLong(3, rs.getLong(1));
                }
                addDay.setLong(4, completed);
                addDay.executeUpdate();
                c.commit();
                written++;
            }
            return written;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The day after the last one written, or the day of the venue's first session; null when it has none. */
    private static LocalDate firstDayToWrite(Connection c, String venue, ZoneId zone) throws SQLException {
        try (PreparedStatement last = c.prepareStatement(LAST_DAY)) {
            last.setString(1, venue);
            try (ResultSet rs = last.executeQuery()) {
                String day = rs.next() ? rs.getString(1) : null;
                if (day != null) {
                    return LocalDate.parse(day).plusDays(1);
                }
            }
        }
        try (PreparedStatement firstSession = c.prepareStatement(FIRST_SESSION)) {
            firstSession.setString(1, venue);
            try (ResultSet rs = firstSession.executeQuery()) {
                rs.next();
                long ms = rs.getLong(1);
                return rs.wasNull() ? null : LocalDate.ofInstant(Instant.ofEpochMilli(ms), zone);
            }
        }
    }
}
