package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import vn.bluezone.portal.events.Impression;

/**
 * Flagged impressions on the event writer's connection, inside its batch's transaction, in SQL that SQLite and
 * PostgreSQL run alike: counted into
 * {@code flagged_impression_hourly} (never {@code impression_hourly}), and acknowledgements' visit nonces kept in
 * {@code flagged_acknowledgement} so that a visit is acknowledged once whether flagged or not. Not thread-safe: the
 * writer's thread only.
 */
public final class SqlFlaggedImpressions {
    private static final String ADD = "INSERT INTO flagged_impression_hourly (venue, local_day, local_hour, kind, reason, count) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (venue, local_day, local_hour, kind, reason) "
            + "DO UPDATE SET count = flagged_impression_hourly.count + excluded.count";
    private static final String ACKNOWLEDGE = "INSERT INTO flagged_acknowledgement (visit_nonce, at_ms) SELECT CAST(? AS TEXT), ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM impression WHERE visit_nonce = ?) ON CONFLICT DO NOTHING";
    private static final String ACKNOWLEDGED = "SELECT 1 FROM flagged_acknowledgement WHERE visit_nonce = ?";

    private record HourlyKey(String venue, String day, int hour, String kind, String reason) {
        /** The order the batch's rows are written in: the same on every node, so two nodes' batches never deadlock. */
        static final Comparator<HourlyKey> ORDER = Comparator.comparing(HourlyKey::venue).thenComparing(HourlyKey::day)
                .thenComparingInt(HourlyKey::hour).thenComparing(HourlyKey::kind).thenComparing(HourlyKey::reason);
    }

    private final PreparedStatement add;
    private final PreparedStatement acknowledge;
    private final PreparedStatement acknowledged;
    private final Map<HourlyKey, Integer> pending = new TreeMap<>(HourlyKey.ORDER);

    public SqlFlaggedImpressions(Connection writeConnection) throws SQLException {
        this.add = writeConnection.prepareStatement(ADD);
        this.acknowledge = writeConnection.prepareStatement(ACKNOWLEDGE);
        this.acknowledged = writeConnection.prepareStatement(ACKNOWLEDGED);
    }

    /** Adds a flagged impression to the batch; false for an acknowledgement of a visit already acknowledged (a replay). */
    public boolean add(Impression e) throws SQLException {
        if (e.visitNonce() != null) {
            acknowledge.setString(1, e.visitNonce());
            acknowledge.setLong(2, e.at().toEpochMilli());
            acknowledge.setString(3, e.visitNonce());
            if (acknowledge.executeUpdate() != 1) {
                return false;
            }
        }
        pending.merge(new HourlyKey(e.venue(), LocalDays.of(e.localTime()), e.localTime().getHour(), e.kind().code(),
                e.flag().code()), 1, Integer::sum);
        return true;
    }

    /** Whether a visit's acknowledgement was already recorded flagged (then a counted one is a replay too). */
    public boolean acknowledgedApart(String visitNonce) throws SQLException {
        acknowledged.setString(1, visitNonce);
        try (ResultSet rs = acknowledged.executeQuery()) {
            return rs.next();
        }
    }

    /** Writes the batch's counts; call before the commit. */
    public void flush() throws SQLException {
        for (Map.Entry<HourlyKey, Integer> e : pending.entrySet()) {
            HourlyKey k = e.getKey();
            add.setString(1, k.venue());
            add.setString(2, k.day());
            add.setInt(3, k.hour());
            add.setString(4, k.kind());
            add.setString(5, k.reason());
            add.setInt(6, e.getValue());
            add.executeUpdate();
        }
        pending.clear();
    }

    /** Forgets what a failed batch added. */
    public void discard() {
        pending.clear();
    }
}
