package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the SQL of the two stores where a class serves both: day arithmetic, a consistent read
 * snapshot, and a lock that lets one node of a fleet at a time run a job. Days are bound and read as yyyy-mm-dd text on
 * both (PostgreSQL's driver is set to let the server type a text parameter by the column it meets).
 */
public enum Dialect {
    SQLITE("CAST(julianday(local_day) - julianday(?) AS INTEGER)"),
    POSTGRES("(local_day - CAST(? AS date))");

    private final String dayIndex;

    Dialect(String dayIndex) {
        this.dayIndex = dayIndex;
    }

    /** An SQL expression: how many days a row's {@code local_day} is after the day bound to its one parameter. */
    public String dayIndex() {
        return dayIndex;
    }

    /**
     * Starts a read-only transaction whose statements all see the database as it was at its first read: SQLite's
     * deferred transaction in WAL mode, PostgreSQL's repeatable read. End it with a rollback.
     */
    public void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        if (this == POSTGRES) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
        }
    }

    /**
     * Takes the fleet-wide lock of {@code job} on this connection if no other node holds it (PostgreSQL's advisory
     * lock); a SQLite store has one node, so it always has it. Release it with {@link #unlock}.
     *
     * @return whether this connection now holds it
     */
    public boolean tryLock(Connection c, String job) throws SQLException {
        return this == SQLITE || advisory(c, "pg_try_advisory_lock", job);
    }

    public void unlock(Connection c, String job) throws SQLException {
        if (this == POSTGRES) {
            advisory(c, "pg_advisory_unlock", job);
        }
    }

    /** {@code function} is one of this class's constants and {@code job} a job's fixed name, never input. */
    private static boolean advisory(Connection c, String function, String job) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + function + "(hashtext('bluezone-" + job + "'))")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
