package vn.bluezone.portal.store.postgres;

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
 * Reads that RADIUS asks for: a device's last acknowledgement and its open sessions, written by any node of the fleet.
 * Each lookup borrows a connection from the pool (the driver keeps its statements prepared per connection), so the
 * RADIUS threads look up side by side.
 */
public final class PostgresAccessStore implements DeviceStore, SessionStore {
    private static final String LAST_ACKNOWLEDGED = "SELECT acknowledged_ms FROM device_acknowledgement WHERE device_key = ?";
    private static final String OPEN_SESSIONS = "SELECT nas, nas_address, session_id, venue, started_ms FROM radius_session "
            + "WHERE device_key = ? AND stopped_ms IS NULL ORDER BY started_ms DESC LIMIT 20";

    private final Database db;

    public PostgresAccessStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Instant> lastAcknowledged(String deviceKey) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(LAST_ACKNOWLEDGED)) {
            s.setString(1, deviceKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the device's last acknowledgement: " + e.getMessage(), e);
        }
    }

    @Override
    public List<OpenSession> openSessions(String deviceKey) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(OPEN_SESSIONS)) {
            s.setString(1, deviceKey);
            List<OpenSession> sessions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new OpenSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read open sessions: " + e.getMessage(), e);
        }
    }
}
