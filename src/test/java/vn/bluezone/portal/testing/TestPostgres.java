package vn.bluezone.portal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import vn.bluezone.portal.config.PostgresSettings;

/**
 * A real PostgreSQL for the tests: Debian's server binaries ({@code /usr/lib/postgresql/<version>/bin}, package
 * {@code postgresql}) run a throw-away cluster in a temp folder, listening on a free loopback port. The {@link #shared}
 * one starts once per JVM, at first use, and stops when the JVM exits; each test class takes a
 * {@link #freshDatabase fresh database} in it. A test that stops the server under the portal ({@link #stopServer},
 * {@link #startServer}) starts a cluster of its {@link #own} instead, so the others' server keeps running.
 *
 * <p>initdb refuses to run as root. Run as root (the test machine, CI), the cluster belongs to Debian's {@code postgres}
 * system user: the temp folder is handed to it and every server command runs through {@code runuser}. A developer's
 * own account runs them directly. The cluster is for tests only: {@code fsync} is off, so a crash of the machine
 * would lose it (the portal's own durability settings are tested against SQLite and measured in bench/).
 */
public final class TestPostgres implements AutoCloseable {
    /** The superuser of the test cluster; connections authenticate with its password (SCRAM), as production ones do. */
    public static final String USER = "bluezone_test";
    public static final String PASSWORD = "test-password-Bz-1";

    private static TestPostgres shared;

    private final Path bin;
    private final Path dir;
    private final boolean asPostgresUser;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(Path bin, Path dir, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.dir = dir;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** The JVM's test server, started at the first call. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = started();
        }
        return shared;
    }

    /** A server of the caller's own (its own folder and port), which it may stop and start; {@link #close} removes it. */
    public static TestPostgres own() {
        return started();
    }

    private static TestPostgres started() {
        try {
            return start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test PostgreSQL", e);
        }
    }

    /** The newest installed server version's binaries. */
    static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                List<Path> bins = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .sorted(Comparator.comparing(b -> versionOf(b.getParent()))).toList();
                if (!bins.isEmpty()) {
                    return bins.get(bins.size() - 1);
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: "
                + "install them with: sudo apt-get install -y postgresql (mvn verify does it when run as root)");
    }

    private static int versionOf(Path versionDir) {
        String name = versionDir.getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static TestPostgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("bz-postgres");
        boolean root = ((Integer) Files.getAttribute(dir, "unix:uid")) == 0;
        Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
        if (root) {
            UserPrincipal postgres;
            try {
                postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            } catch (IOException e) {
                throw new IllegalStateException("running as root, the test PostgreSQL runs as the system user 'postgres', which is missing: "
                        + "install the server with: apt-get install -y postgresql", e);
            }
            Files.setOwner(dir, postgres);
            Files.setOwner(password, postgres);
        }
        TestPostgres server = null;
        for (int attempt = 1; server == null; attempt++) {
            TestPostgres candidate = new TestPostgres(bin, dir, root, PortalProcess.freePort());
            if (attempt == 1) {
                candidate.run(Duration.ofSeconds(120), "initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + password,
                        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C");
            }
            Shell.Result started = candidate.pgCtlStart();
            if (started.exitCode() == 0) {
                server = candidate;
            } else if (attempt == 3) {
                throw new IllegalStateException("the test PostgreSQL did not start:\n" + started.output() + "\n" + serverLog(dir));
            }
        }
        TestPostgres running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "test-postgres-stop"));
        return running;
    }

    private Shell.Result pgCtlStart() throws IOException, InterruptedException {
        return tryRun(Duration.ofSeconds(90), "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", String.join(" ", "-p", String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                        "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"), "start");
    }

    /**
     * Stops the server as an operator or a crash does, waiting until it is gone: {@code fast} ends every session and
     * shuts down cleanly, {@code immediate} kills the server processes (the next start recovers from the log).
     */
    public void stopServer(String mode) throws IOException, InterruptedException {
        run(Duration.ofSeconds(60), "pg_ctl", "-D", dir.resolve("data").toString(), "-m", mode, "-w", "stop");
    }

    /** Starts the server again, on the same port and folder, waiting until it takes connections. */
    public void startServer() throws IOException, InterruptedException {
        Shell.Result started = pgCtlStart();
        if (started.exitCode() != 0) {
            throw new IllegalStateException("the test PostgreSQL did not start again:\n" + started.output() + "\n" + serverLog(dir));
        }
    }

    private static String serverLog(Path dir) {
        try {
            return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no server log)";
        }
    }

    private Shell.Result tryRun(Duration timeout, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return Shell.run(timeout, command.toArray(String[]::new));
    }

    private void run(Duration timeout, String program, String... args) throws IOException, InterruptedException {
        Shell.Result r = tryRun(timeout, program, args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(program + " failed (" + r.exitCode() + "):\n" + r.output());
        }
    }

    /** Stops an {@link #own} server and removes its folder. */
    @Override
    public void close() {
        if (this == shared) {
            throw new IllegalStateException("the shared test PostgreSQL stops when the JVM exits");
        }
        stop();
    }

    private void stop() {
        try {
            tryRun(Duration.ofSeconds(30), "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("test PostgreSQL in " + dir + " did not stop: " + e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of one database of this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new, empty database, named after {@code owner} (a test class) for the server's log. */
    public String freshDatabase(String owner) {
        String name = ("t" + databases.incrementAndGet() + "_" + owner).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        name = name.substring(0, Math.min(name.length(), 60));
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** Settings for the portal's PostgreSQL store on {@code database}, as the configuration file gives them. */
    public PostgresSettings settings(String database) {
        return new PostgresSettings(url(database), USER, PASSWORD, 4);
    }

    /** Empties every table of {@code database} but Flyway's history: the next test starts from a migrated, empty schema. */
    public void empty(String database) {
        try (Connection c = DriverManager.getConnection(url(database), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ DECLARE tables text; BEGIN
                      SELECT string_agg(format('%I', tablename), ', ') INTO tables FROM pg_tables
                       WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history';
                      IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE ' || tables; END IF;
                    END $$""");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database " + database + ": " + e.getMessage(), e);
        }
    }
}
