package vn.bluezone.portal.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import vn.bluezone.portal.access.PortalSecrets;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.Database;

/**
 * The fleet's master secret in the shared database (migration V6.1), so that a grant token issued by one node, a visit
 * sealed by one and a device key computed by one are the same on every other. The first node to start creates it;
 * nodes that start at the same moment race on the primary key and all read the one row that won.
 */
public final class PostgresFleetSecret {
    private static final String NAME = "portal-master";
    private static final String CREATE = "INSERT INTO fleet_secret (name, secret, created_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING";
    private static final String READ = "SELECT secret FROM fleet_secret WHERE name = ?";

    private PostgresFleetSecret() {
    }

    public static PortalSecrets loadOrCreate(Database db, InstantSource clock) {
        try (Connection c = db.connect(); PreparedStatement create = c.prepareStatement(CREATE);
                PreparedStatement read = c.prepareStatement(READ)) {
            create.setString(1, NAME);
            create.setBytes(2, PortalSecrets.newMaster());
            create.setLong(3, clock.millis());
            create.executeUpdate();
            read.setString(1, NAME);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the fleet secret was created but cannot be read back");
                }
                return PortalSecrets.of(rs.getBytes(1));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read or create the fleet's secret: " + e.getMessage(), e);
        }
    }
}
