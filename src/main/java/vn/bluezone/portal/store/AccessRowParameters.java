package vn.bluezone.portal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.GrantRedemption;
import vn.bluezone.portal.events.PolledGrant;

/**
 * How the events that decide who may go online become statement parameters, the same for every store: a grant
 * redemption's (nonce, at_ms, venue, nas, device_key), a queued grant's (gateway, grant_key, poller, line, queued_ms,
 * expires_ms), an accounting record's session upsert (nas, session_id, nas_address, venue, device_key, started_ms,
 * updated_ms, stopped_ms, session_seconds, input_octets, output_octets, terminate_cause) and a NAS restart's
 * (stopped_ms, terminate_cause, nas).
 */
public final class AccessRowParameters {
    private AccessRowParameters() {
    }

    public static void bindRedemption(PreparedStatement redeem, GrantRedemption g) throws SQLException {
        redeem.setString(1, g.nonce());
        redeem.setLong(2, g.at().toEpochMilli());
        redeem.setString(3, g.venue());
        redeem.setString(4, g.nas());
        redeem.setString(5, g.deviceKey());
    }

    public static void bindPolledGrant(PreparedStatement queue, PolledGrant g) throws SQLException {
        queue.setString(1, g.gateway());
        queue.setString(2, g.key());
        queue.setString(3, g.poller());
        queue.setString(4, g.line());
        queue.setLong(5, g.at().toEpochMilli());
        queue.setLong(6, g.expiresAt().toEpochMilli());
    }

    /** The parameters of a session record's upsert. */
    public static void bindSession(PreparedStatement session, AccountingRecord r) throws SQLException {
        long at = r.at().toEpochMilli();
        int i = 0;
        session.setString(++i, r.nas());
        session.setString(++i, r.sessionId());
        session.setString(++i, r.nasAddress());
        session.setString(++i, r.venue());
        session.setString(++i, r.deviceKey());
        session.setLong(++i, r.status() == AccountingRecord.Status.START ? at : at - r.sessionSeconds() * 1000);
        session.setLong(++i, at);
        if (r.status() == AccountingRecord.Status.STOP) {
            session.setLong(++i, at);
        } else {
            session.setNull(++i, Types.BIGINT);
        }
        session.setLong(++i, r.sessionSeconds());
        session.setLong(++i, r.inputOctets());
        session.setLong(++i, r.outputOctets());
        if (r.terminateCause().isEmpty()) {
            session.setNull(++i, Types.VARCHAR);
        } else {
            session.setString(++i, r.terminateCause());
        }
    }

    /** The parameters of the update that ends a restarted NAS's open sessions ({@link AccountingRecord.Status#isNasWide()}). */
    public static void bindNasRestart(PreparedStatement nasRestarted, AccountingRecord r) throws SQLException {
        nasRestarted.setLong(1, r.at().toEpochMilli());
        nasRestarted.setString(2, r.status() == AccountingRecord.Status.NAS_ON ? "NAS-Reboot" : "NAS-Request");
        nasRestarted.setString(3, r.nas());
    }
}
