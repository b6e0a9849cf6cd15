package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.gateway.PolledGrants;

/**
 * Grants queued for polling gateways (migration V3), in SQL that SQLite and PostgreSQL run alike. Rows are written by
 * the event writer with the acknowledgement; this class reads them and records the gateway's confirmations. A poll
 * comes every few seconds per router and a waiting visitor's page every two seconds, so each call opens its own short
 * connection; confirmations are small write transactions beside the writer's.
 */
public final class SqlPolledGrants implements PolledGrants {
    private static final String WAITING = "SELECT grant_key, line FROM polled_grant "
            + "WHERE gateway = ? AND poller = ? AND let_in_ms IS NULL AND expires_ms > ? ORDER BY queued_ms LIMIT ?";
    private static final String LET_IN = "UPDATE polled_grant SET let_in_ms = ? WHERE gateway = ? AND poller = ? AND grant_key = ? "
            + "AND let_in_ms IS NULL";
    private static final String FORGET = "DELETE FROM polled_grant WHERE gateway = ? AND poller = ? "
            + "AND (let_in_ms IS NOT NULL OR expires_ms <= ?)";
    /** Settled rows of every gateway, once they can no longer matter to a waiting page. */
    private static final String FORGET_OLD = "DELETE FROM polled_grant WHERE expires_ms <= ?";
    private static final String STATUS = "SELECT let_in_ms, expires_ms, queued_ms FROM polled_grant WHERE gateway = ? AND grant_key = ?";

    private final Database db;

    public SqlPolledGrants(Database db) {
        this.db = db;
    }

    @Override
    public List<Waiting> waiting(String gateway, String poller, Instant now, int limit) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(WAITING)) {
            s.setString(1, gateway);
            s.setString(2, poller);
            s.setLong(3, now.toEpochMilli());
            s.setInt(4, limit);
            List<Waiting> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Waiting(rs.getString(1), rs.getString(2)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the grants waiting for a gateway: " + e.getMessage(), e);
        }
    }

    @Override
    public int letIn(String gateway, String poller, Collection<String> keys, Instant now) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            int waiting = 0;
            try (PreparedStatement s = c.prepareStatement(LET_IN); PreparedStatement old = c.prepareStatement(FORGET_OLD)) {
                for (String key : keys) {
                    s.setLong(1, now.toEpochMilli());
                    s.setString(2, gateway);
                    s.setString(3, poller);
                    s.setString(4, key);
                    waiting += s.executeUpdate();
                }
                old.setLong(1, now.toEpochMilli());
                old.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return waiting;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record the clients a gateway let in: " + e.getMessage(), e);
        }
    }

    @Override
    public int forgetSettled(String gateway, String poller, Instant before) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(FORGET)) {
            s.setString(1, gateway);
            s.setString(2, poller);
            s.setLong(3, before.toEpochMilli());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot forget a gateway's settled grants: " + e.getMessage(), e);
        }
    }

    @Override
    public Status status(String gateway, String key, Instant now) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(STATUS)) {
            s.setString(1, gateway);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new Status(State.UNKNOWN, Instant.EPOCH);
                }
                rs.getLong(1);
                boolean letIn = !rs.wasNull();
                Instant queuedAt = Instant.ofEpochMilli(rs.getLong(3));
                if (letIn) {
                    return new Status(State.LET_IN, queuedAt);
                }
                return new Status(rs.getLong(2) > now.toEpochMilli() ? State.WAITING : State.UNKNOWN, queuedAt);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read a queued grant: " + e.getMessage(), e);
        }
    }
}
