package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.bluezone.portal.access.DeviceStore;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.radius.SessionStore;
import vn.bluezone.portal.store.Database;

/**
 * Reads that RADIUS asks for: a device's last acknowledgement and its open sessions. One long-lived
 * read connection (WAL readers never block the writer) with its statements prepared once; lookups are
 * short and sit behind caches, so they take turns on it.
 */
public final class SqliteAccessStore implements DeviceStore, SessionStore, AutoCloseable {
    private static final String LAST_ACKNOWLEDGED = "SELECT acknowledged_ms FROM device_acknowledgement WHERE device_key = ?";
    private static final String OPEN_SESSIONS = "SELECT nas, nas_address, session_id, venue, started_ms FROM radius_session "
            + "WHERE device_key = ? AND stopped_ms IS NULL ORDER BY started_ms DESC LIMIT 20";

    private final Database db;
    private Connection connection;
    private PreparedStatement lastAcknowledged;
    private PreparedStatement openSessions;

    public SqliteAccessStore(Database db) {
        this.db = db;
    }

    @Override
    public synchronized Optional<Instant> lastAcknowledged(String deviceKey) {
        try {
            open();
            lastAcknowledged.setString(1, deviceKey);
            try (ResultSet rs = lastAcknowledged.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            reset();
            throw new StoreUnavailableException("cannot read the device's last acknowledgement: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<OpenSession> openSessions(String deviceKey) {
        try {
            open();
            openSessions.setString(1, deviceKey);
            List<OpenSession> sessions = new ArrayList<>();
            try (ResultSet rs = openSessions.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new OpenSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
            return sessions;
        } catch (SQLException e) {
            reset();
            throw new StoreUnavailableException("cannot read open sessions: " + e.getMessage(), e);
        }
    }

    private void open() throws SQLException {
        if (connection == null) {
            connection = db.connect();
            lastAcknowledged = connection.prepareStatement(LAST_ACKNOWLEDGED);
            openSessions = connection.prepareStatement(OPEN_SESSIONS);
        }
    }

    private void reset() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // discarded; the next lookup opens a new connection
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        reset();
    }
}
