package vn.bluezone.portal.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.GrantRedemption;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.store.AccessRowParameters;

/**
 * The writes that decide who may go online: last acknowledgement per device, redeemed grant tokens,
 * grants queued for polling gateways and accounting sessions. Statements are prepared once on the writer's connection and
 * run inside its batch. Grant redemptions run one by one (the caller must know which were replays); the others are
 * collected and sent together by {@link #writePending()}: acknowledgements as one statement, in device-key order, queued
 * grants and accounting as JDBC batches (one round trip, in the order they came).
 */
final class PostgresAccessRows implements AutoCloseable {
    private static final String ACKNOWLEDGED = "INSERT INTO device_acknowledgement AS d (device_key, acknowledged_ms) "
            + "SELECT * FROM unnest(?::text[], ?::bigint[]) "
            + "ON CONFLICT (device_key) DO UPDATE SET acknowledged_ms = GREATEST(d.acknowledged_ms, excluded.acknowledged_ms)";
    private static final String REDEEM = "INSERT INTO grant_redemption (nonce, at_ms, venue, nas, device_key) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (nonce) DO NOTHING";
    private static final String QUEUE = "INSERT INTO polled_grant (gateway, grant_key, poller, line, queued_ms, expires_ms) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (gateway, grant_key) DO NOTHING";
    private static final String SESSION = "INSERT INTO radius_session AS s (nas, session_id, nas_address, venue, device_key, started_ms, "
            + "updated_ms, stopped_ms, session_seconds, input_octets, output_octets, terminate_cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (nas, session_id) DO UPDATE SET "
            + "nas_address = excluded.nas_address, "
            + "started_ms = LEAST(s.started_ms, excluded.started_ms), "
            + "updated_ms = GREATEST(s.updated_ms, excluded.updated_ms), "
            + "stopped_ms = COALESCE(s.stopped_ms, excluded.stopped_ms), "
            + "session_seconds = GREATEST(s.session_seconds, excluded.session_seconds), "
            + "input_octets = GREATEST(s.input_octets, excluded.input_octets), "
            + "output_octets = GREATEST(s.output_octets, excluded.output_octets), "
            + "terminate_cause = COALESCE(s.terminate_cause, excluded.terminate_cause)";
    private static final String NAS_RESTARTED = "UPDATE radius_session SET stopped_ms = ?, terminate_cause = ? "
            + "WHERE nas = ? AND stopped_ms IS NULL";

    private final PreparedStatement acknowledged;
    private final PreparedStatement redeem;
    private final PreparedStatement queue;
    private final PreparedStatement session;
    private final PreparedStatement nasRestarted;
    /** The batch's acknowledgements: the latest per device, in key order (the same lock order on every node). */
    private final Map<String, Long> acknowledgedAt = new TreeMap<>();
    private int queued;
    private int sessions;

    PostgresAccessRows(Connection connection) throws SQLException {
        acknowledged = connection.prepareStatement(ACKNOWLEDGED);
        redeem = connection.prepareStatement(REDEEM);
        queue = connection.prepareStatement(QUEUE);
        session = connection.prepareStatement(SESSION);
        nasRestarted = connection.prepareStatement(NAS_RESTARTED);
    }

    void acknowledged(String deviceKey, long atMillis) {
        acknowledgedAt.merge(deviceKey, atMillis, Math::max);
    }

    /** @return false if the token was already redeemed (on any node) */
    boolean redeem(GrantRedemption g) throws SQLException {
        AccessRowParameters.bindRedemption(redeem, g);
        return redeem.executeUpdate() == 1;
    }

    /** Queues a grant; one already queued under the same key is kept as it is. */
    void queue(PolledGrant g) throws SQLException {
        AccessRowParameters.bindPolledGrant(queue, g);
        queue.addBatch();
        queued++;
    }

    void account(AccountingRecord r) throws SQLException {
        if (r.status().isNasWide()) {
            writeSessions(); // the records before it come first
            AccessRowParameters.bindNasRestart(nasRestarted, r);
            nasRestarted.executeUpdate();
            return;
        }
        AccessRowParameters.bindSession(session, r);
        session.addBatch();
        sessions++;
    }

    /** Sends what {@link #acknowledged}, {@link #queue} and {@link #account} collected. */
    void writePending() throws SQLException {
        if (!acknowledgedAt.isEmpty()) {
            acknowledged.setObject(1, acknowledgedAt.keySet().toArray(String[]::new));
            acknowledged.setObject(2, acknowledgedAt.values().stream().mapToLong(Long::longValue).toArray());
            acknowledged.executeUpdate();
            acknowledgedAt.clear();
        }
        if (queued > 0) {
            queue.executeBatch();
            queued = 0;
        }
        writeSessions();
    }

    private void writeSessions() throws SQLException {
        if (sessions > 0) {
            session.executeBatch();
            sessions = 0;
        }
    }

    /** Forgets what was collected for a batch that is being rolled back. */
    void discardPending() throws SQLException {
        acknowledgedAt.clear();
        queue.clearBatch();
        queued = 0;
        session.clearBatch();
        sessions = 0;
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
