package vn.bluezone.portal.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import vn.bluezone.portal.store.Database;

/**
 * A real failure of the SQLite store, made from another connection as another process could: the tables events are
 * written to and read from are renamed away, so every statement on them fails in SQLite itself ("no such table"),
 * then renamed back. Whatever was committed stays as it was.
 */
public final class SqliteOutage implements AutoCloseable {
    private static final List<String> TABLES = List.of("impression", "grant_redemption", "radius_session", "device_acknowledgement",
            "polled_grant");

    private final Database db;
    private boolean on;

    private SqliteOutage(Database db) {
        this.db = db;
    }

    /** Takes the store down now. */
    public static SqliteOutage begin(Database db) throws SQLException {
        SqliteOutage outage = new SqliteOutage(db);
        outage.rename("", "_gone");
        outage.on = true;
        return outage;
    }

    /** Brings the store back. */
    public void end() throws SQLException {
        if (on) {
            rename("_gone", "");
            on = false;
        }
    }

    private void rename(String fromSuffix, String toSuffix) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : TABLES) {
                s.execute("ALTER TABLE " + table + fromSuffix + " RENAME TO " + table + toSuffix);
            }
            c.commit();
        }
    }

    @Override
    public void close() throws SQLException {
        end();
    }
}
