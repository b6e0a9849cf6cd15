package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.Database;

/**
 * Impressions in SQLite. Appends come from the single writer thread over one long-lived connection
 * with a reused prepared statement; reads open their own connection (WAL lets them run beside writes).
 */
public final class SqliteEventStore implements EventStore {
    private static final String INSERT = "INSERT OR IGNORE INTO impression "
            + "(at_ms, local_day, local_hour, venue, gateway, device_key, kind, platform, language, campaign, visit_nonce) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;
    private Connection writeConnection;
    private PreparedStatement insert;

    public SqliteEventStore(Database db) {
        this.db = db;
    }

    @Override
    public synchronized boolean[] append(List<Impression> batch) {
        try {
            PreparedStatement statement = insertStatement();
            boolean[] stored = new boolean[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                bind(statement, batch.get(i));
                stored[i] = statement.executeUpdate() == 1;
            }
            writeConnection.commit();
            return stored;
        } catch (SQLException e) {
            resetWriteConnection();
            throw new StoreUnavailableException("cannot store impressions: " + e.getMessage(), e);
        }
    }

    private PreparedStatement insertStatement() throws SQLException {
        if (insert == null) {
            writeConnection = db.connect();
            writeConnection.setAutoCommit(false);
            insert = writeConnection.prepareStatement(INSERT);
        }
        return insert;
    }

    private static void bind(PreparedStatement s, Impression e) throws SQLException {
        s.setLong(1, e.at().toEpochMilli());
        s.setString(2, e.localTime().toLocalDate().toString());
        s.setInt(3, e.localTime().getHour());
        s.setString(4, e.venue());
        s.setString(5, e.gateway());
        s.setString(6, e.deviceKey());
        s.setString(7, e.kind().code());
        s.setString(8, e.platform().code());
        s.setString(9, e.language());
        s.setString(10, e.campaign());
        s.setString(11, e.visitNonce());
    }

    private void resetWriteConnection() {
        try {
            if (writeConnection != null) {
                writeConnection.rollback();
                writeConnection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being discarded; a new one is opened for the next batch
        }
        writeConnection = null;
        insert = null;
    }

    @Override
    public List<DailyCount> countByDay(String venue, LocalDate from, LocalDate to) {
        String sql = "SELECT local_day, kind, COUNT(*) FROM impression "
                + "WHERE venue = ? AND local_day BETWEEN ? AND ? GROUP BY local_day, kind ORDER BY local_day, kind";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, venue);
            s.setString(2, from.toString());
            s.setString(3, to.toString());
            List<DailyCount> counts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.add(new DailyCount(LocalDate.parse(rs.getString(1)), ImpressionKind.fromCode(rs.getString(2)), rs.getLong(3)));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read impression counts: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isReachable() {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM impression LIMIT 1")) {
            rs.next();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes the writer's connection. */
    public synchronized void close() {
        resetWriteConnection();
    }
}
