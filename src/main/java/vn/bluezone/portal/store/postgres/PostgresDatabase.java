package vn.bluezone.portal.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import vn.bluezone.portal.config.PostgresSettings;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.Dialect;

/**
 * The shared store of a fleet: one PostgreSQL database, reached through a HikariCP pool, migrated with Flyway at start
 * (Flyway's lock lets nodes that start together migrate once). Every connection runs with
 * {@code synchronous_commit = on}, whatever the server's default: a commit returns only once it is on disk (and on
 * the synchronous standbys, if the server has any), so an impression is durable before its page is sent.
 *
 * <p>When the server is gone (stopped, crashed, unreachable) the pool would keep every caller waiting its connection
 * timeout. Instead, once the server is found not to answer ({@link #answers}, or the pool timing out), callers are told
 * at once ({@link SQLTransientConnectionException}, which the stores turn into "store unavailable"), and the server is
 * asked again straight, not through the pool, at most every {@value #RECHECK_MS} ms; as soon as it answers, connections
 * come from the pool again. The pool keeps no idle connections it has to re-create in the background with a growing
 * back-off, so the first caller after the outage gets a new connection at once.
 */
public final class PostgresDatabase implements Database {
    /** How long a caller waits for a free connection, or for a new one when the server does not answer. */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;
    /** How long {@link #answers} waits for the server to take a connection, and then for each answer (the driver counts seconds). */
    private static final int PROBE_TIMEOUT_SECONDS = 1;
    /** While the server does not answer, it is asked again at most this often; callers in between are told at once. */
    private static final long RECHECK_MS = 250;

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private final Properties probe;
    private final Object probing = new Object();
    /** Why the server did not answer the last time it was asked; null while it answers. */
    private volatile String unanswered;
    /** When the server was last asked ({@link System#nanoTime}); guarded by {@link #probing}. */
    private long probedAtNanos;

    private PostgresDatabase(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        this.probe = new Properties();
        if (!settings.user().isEmpty()) {
            probe.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            probe.setProperty("password", settings.password());
        }
        probe.setProperty("ApplicationName", "bluezone-portal probe");
        probe.setProperty("connectTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
        probe.setProperty("socketTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
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
        // no idle connections to keep: while the server is gone the pool would retry them with a back-off of up to 5 s
        // and the first caller after the outage would wait for that; connections are made when asked for instead
        config.setMinimumIdle(0);
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

    /**
     * A connection from the pool, in autocommit mode; closing it gives it back.
     *
     * @throws SQLTransientConnectionException at once while the server does not answer (asked again at most every
     *     {@value #RECHECK_MS} ms), or when the pool had no connection within its timeout
     */
    @Override
    public Connection connect() throws SQLException {
        if (unanswered != null && !answers()) {
            throw new SQLTransientConnectionException("PostgreSQL at " + settings.url() + " does not answer: " + unanswered, "08001");
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            unanswered = e.getMessage(); // maybe only busy: the next caller asks the server itself
            throw e;
        }
    }

    /**
     * Whether the server takes a new connection and answers a query now, each within {@value #PROBE_TIMEOUT_SECONDS} s:
     * asked straight, not through the pool. While it does not answer it is asked at most every {@value #RECHECK_MS} ms;
     * callers in between get the last answer.
     */
    public boolean answers() {
        synchronized (probing) {
            long now = System.nanoTime();
            if (unanswered != null && now - probedAtNanos < TimeUnit.MILLISECONDS.toNanos(RECHECK_MS)) {
                return false;
            }
            probedAtNanos = now;
            try (Connection c = DriverManager.getConnection(settings.url(), probe); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                if (unanswered != null) {
                    // back after an outage: connections the pool kept from before it may be dead (a restarted server),
                    // and one used within the pool's last half second is handed out unchecked; make new ones instead
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
                unanswered = null;
                return true;
            } catch (SQLException e) {
                unanswered = e.getMessage();
                return false;
            }
        }
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
