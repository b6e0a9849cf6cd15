package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.GrantRedemption;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.store.AccessRowParameters;

/**
 * The writes that decide who may go online: last acknowledgement per device, redeemed grant tokens,
 * grants queued for polling gateways and accounting sessions. Statements are prepared once on the writer's connection and run inside its batch.
 */
final class SqliteAccessRows implements AutoCloseable {
    private static final String ACKNOWLEDGED = "INSERT INTO device_acknowledgement (device_key, acknowledged_ms) VALUES (?, ?) "
            + "ON CONFLICT (device_key) DO UPDATE SET acknowledged_ms = MAX(acknowledged_ms, excluded.acknowledged_ms)";
    private static final String REDEEM = "INSERT OR IGNORE INTO grant_redemption (nonce, at_ms, venue, nas, device_key) VALUES (?, ?, ?, ?, ?)";
    private static final String QUEUE = "INSERT OR IGNORE INTO polled_grant (gateway, grant_key, poller, line, queued_ms, expires_ms) "
            + "VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SESSION = "INSERT INTO radius_session (nas, session_id, nas_address, venue, device_key, started_ms, updated_ms, "
            + "stopped_ms, session_seconds, input_octets, output_octets, terminate_cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (nas, session_id) DO UPDATE SET "
            + "nas_address = excluded.nas_address, "
            + "started_ms = MIN(started_ms, excluded.started_ms), "
            + "updated_ms = MAX(updated_ms, excluded.updated_ms), "
            + "stopped_ms = COALESCE(stopped_ms, excluded.stopped_ms), "
            + "session_seconds = MAX(session_seconds, excluded.session_seconds), "
            + "input_octets = MAX(input_octets, excluded.input_octets), "
            + "output_octets = MAX(output_octets, excluded.output_octets), "
            + "terminate_cause = COALESCE(terminate_cause, excluded.terminate_cause)";
    private static final String NAS_RESTARTED = "UPDATE radius_session SET stopped_ms = ?, terminate_cause = ? "
            + "WHERE nas = ? AND stopped_ms IS NULL";

    private final PreparedStatement acknowledged;
    private final PreparedStatement redeem;
    private final PreparedStatement queue;
    private final PreparedStatement session;
    private final PreparedStatement nasRestarted;

    SqliteAccessRows(Connection connection) throws SQLException {
        acknowledged = connection.prepareStatement(ACKNOWLEDGED);
        redeem = connection.prepareStatement(REDEEM);
        queue = connection.prepareStatement(QUEUE);
        session = connection.prepareStatement(SESSION);
        nasRestarted = connection.prepareStatement(NAS_RESTARTED);
    }

    void acknowledged(String deviceKey, long atMillis) throws SQLException {
        acknowledged.setString(1, deviceKey);
        acknowledged.setLong(2, atMillis);
        acknowledged.executeUpdate();
    }

    /** @return false if the token was already redeemed */
    boolean redeem(GrantRedemption g) throws SQLException {
        AccessRowParameters.bindRedemption(redeem, g);
        return redeem.executeUpdate() == 1;
    }

    /** Queues a grant; one already queued under the same key is kept as it is. */
    void queue(PolledGrant g) throws SQLException {
        AccessRowParameters.bindPolledGrant(queue, g);
        queue.executeUpdate();
    }

    void account(AccountingRecord r) throws SQLException {
        if (r.status().isNasWide()) {
            AccessRowParameters.bindNasRestart(nasRestarted, r);
            nasRestarted.executeUpdate();
            return;
        }
        AccessRowParameters.bindSession(session, r);
        session.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        acknowledged.close();
        redeem.close();
        queue.close();
        session.close();
        nasRestarted.close();
    }
}
