package vn.bluezone.portal.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.Dialect;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a committed
 * transaction survives a crash of the process or of the machine. Migrated with Flyway at start.
 */
public final class SqliteDatabase implements Database {
    private final Path file;
    private final String url;

    private SqliteDatabase(Path file) {
        this.file = file;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** Opens (creating if needed) and migrates the database file. */
    public static SqliteDatabase open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for " + file, e);
        }
        SqliteDatabase db = new SqliteDatabase(file);
        try (Connection c = db.connect()) {
            c.createStatement().execute("PRAGMA journal_mode=WAL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
        Flyway.configure()
                .dataSource(db.url, null, null)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
        return db;
    }

    @Override
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("synchronous", "FULL");
        p.setProperty("busy_timeout", "5000");
        p.setProperty("journal_mode", "WAL");
        // the driver would otherwise run "SELECT last_insert_rowid()" after every insert
        p.setProperty("jdbc.get_generated_keys", "false");
        return DriverManager.getConnection(url, p);
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public String describe() {
        return "SQLite " + file.toAbsolutePath();
    }

    @Override
    public void close() {
        // connections are closed by their users; nothing is held here
    }
}
