package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The retention deletes whose SQL every store runs alike, each in transactions of at most {@link #CHUNK} rows (the
 * connection in autocommit), so the event writer never waits long behind them.
 *
 * <p>Impressions have no index on their time (none is paid for on the write path): writers append them in time
 * order, so the oldest are the lowest ids, and they are deleted from the lowest id up to the first row that is not
 * old enough (on PostgreSQL, rows of nodes whose clocks differ by a moment wait for the next run).
 */
public final class ChunkedDeletes {
    public static final int CHUNK = 2000;

    private static final String OLDEST_IMPRESSIONS = "SELECT id, at_ms FROM impression WHERE id > ? ORDER BY id LIMIT " + CHUNK;
    private static final String DELETE_IMPRESSIONS = "DELETE FROM impression WHERE id <= ? AND at_ms < ?";
    private static final String DELETE_EXPIRED_GRANTS = "DELETE FROM polled_grant WHERE (gateway, grant_key) IN "
            + "(SELECT gateway, grant_key FROM polled_grant WHERE expires_ms <= ? LIMIT " + CHUNK + ")";

    private ChunkedDeletes() {
    }

    /** Deletes impressions from before {@code cutoffMs}; returns how many. */
    public static long impressions(Connection c, long cutoffMs) throws SQLException {
        long deleted = 0;
        try (PreparedStatement oldest = c.prepareStatement(OLDEST_IMPRESSIONS); PreparedStatement delete = c.prepareStatement(DELETE_IMPRESSIONS)) {
            long after = 0;
            while (true) {
                long lastOld = -1;
                int rows = 0;
                boolean reachedNew = false;
                oldest.setLong(1, after);
                try (ResultSet rs = oldest.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        if (rs.getLong(2) >= cutoffMs) {
                            reachedNew = true;
                            break;
                        }
                        lastOld = rs.getLong(1);
                    }
                }
                if (lastOld >= 0) {
                    delete.setLong(1, lastOld);
                    delete.setLong(2, cutoffMs);
                    deleted += delete.executeUpdate();
                    after = lastOld;
                }
                if (reachedNew || rows < CHUNK || stopping()) {
                    return deleted;
                }
            }
        }
    }

    /** Deletes grants queued for polling gateways that expired by {@code nowMs}; returns how many. */
    public static long expiredGrants(Connection c, long nowMs) throws SQLException {
        long deleted = 0;
        try (PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED_GRANTS)) {
            delete.setLong(1, nowMs);
            int n;
            do {
                n = delete.executeUpdate();
                deleted += n;
            } while (n == CHUNK);
        }
        return deleted;
    }

    /** Whether the job's thread is being stopped: the run ends after its current transaction. */
    public static boolean stopping() {
        return Thread.currentThread().isInterrupted();
    }
}
