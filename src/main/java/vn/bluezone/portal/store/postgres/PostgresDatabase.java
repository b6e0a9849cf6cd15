package vn.bluezone.portal.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import vn.bluezone.portal.config.PostgresSettings;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.Dialect;

/**
 * The shared store of a fleet: one PostgreSQL database, reached through a HikariCP pool, migrated with Flyway at start
 * (Flyway's lock lets nodes that start together migrate once). Every connection runs with
 * {@code synchronous_commit = on}, whatever the server's default: a commit returns only once it is on disk (and on
 * the synchronous standbys, if the server has any), so an impression is durable before its page is sent.
 */
public final class PostgresDatabase implements Database {
    /** How long a caller waits for a free connection, or for a new one when the server does not answer. */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    private final PostgresSettings settings;
    private final HikariDataSource pool;

    private PostgresDatabase(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Connects and migrates the schema.
     *
     * @throws IllegalStateException naming the URL and user (never the password) when the server cannot be reached or refuses
     */
    public static PostgresDatabase open(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("postgres");
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setConnectionInitSql("SET synchronous_commit = on");
        config.addDataSourceProperty("ApplicationName", "bluezone-portal");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // a String parameter is typed by where it stands (text, or the DATE of a local_day column), as in SQLite:
        // the SQL both stores share binds days as yyyy-mm-dd text
        config.addDataSourceProperty("stringtype", "unspecified");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL at " + settings.url() + " as "
                    + (settings.user().isEmpty() ? "the default user" : settings.user()) + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/postgres")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the PostgreSQL database " + settings.url() + ": " + rootMessage(e), e);
        }
        return new PostgresDatabase(settings, pool);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** A connection from the pool, in autocommit mode; closing it gives it back. */
    @Override
    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    public String describe() {
        return "PostgreSQL " + settings.url() + (settings.user().isEmpty() ? "" : " as " + settings.user()) + ", pool of "
                + settings.poolSize();
    }

    @Override
    public void close() {
        pool.close();
    }
}
