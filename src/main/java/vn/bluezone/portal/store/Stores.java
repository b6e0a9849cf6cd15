package vn.bluezone.portal.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vn.bluezone.portal.access.DeviceStore;
import vn.bluezone.portal.access.PortalSecrets;
import vn.bluezone.portal.accounts.AccountStore;
import vn.bluezone.portal.config.PostgresSettings;
import vn.bluezone.portal.config.StoreSettings;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.gateway.PolledGrants;
import vn.bluezone.portal.radius.SessionStore;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.store.postgres.PostgresAccessStore;
import vn.bluezone.portal.store.postgres.PostgresDatabase;
import vn.bluezone.portal.store.postgres.PostgresEventStore;
import vn.bluezone.portal.store.postgres.PostgresFleetSecret;
import vn.bluezone.portal.store.sqlite.SqliteAccessStore;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;
import vn.bluezone.portal.store.sqlite.WalCheckpointer;
import vn.bluezone.portal.venue.RegistryStore;

/**
 * Every store the portal uses, of the kind {@code store.kind} names, on one database: the embedded SQLite file or the
 * PostgreSQL database a fleet shares. Closing it closes them and the database.
 */
public final class Stores implements AutoCloseable {
    private final StoreSettings settings;
    private final Path dataDir;
    private final InstantSource clock;
    private final Database database;
    private final EventStore events;
    private final DeviceStore devices;
    private final SessionStore sessions;
    private final AccountStore accounts;
    private final PolledGrants polledGrants;
    private final RegistryStore registry;
    private final StatsStore stats;
    private final Retention retention;
    private List<EventStore> writerStores;
    /** Closed in reverse order; the database first in the list. */
    private final List<AutoCloseable> opened;

    private Stores(StoreSettings settings, Path dataDir, InstantSource clock, Database database, EventStore events, DeviceStore devices,
            SessionStore sessions, StatsStore stats, Retention retention, List<AutoCloseable> opened) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.clock = clock;
        this.database = database;
        this.events = events;
        this.devices = devices;
        this.sessions = sessions;
        this.accounts = new SqlAccountStore(database, clock);
        this.polledGrants = new SqlPolledGrants(database);
        this.registry = new SqlRegistryStore(database);
        this.stats = stats;
        this.retention = retention;
        this.opened = opened;
    }

    /**
     * Opens the database (creating or migrating its schema) and the stores on it.
     *
     * @param dataDir where a SQLite node keeps its secret file
     */
    public static Stores open(StoreSettings settings, Path dataDir, InstantSource clock) {
        List<AutoCloseable> opened = new ArrayList<>();
        if (settings.kind() == StoreSettings.Kind.POSTGRES) {
            PostgresDatabase db = PostgresDatabase.open(settings.postgres().orElseThrow());
            opened.add(db);
            PostgresEventStore events = new PostgresEventStore(db);
            opened.add(events::close);
            PostgresAccessStore access = new PostgresAccessStore(db);
            return new Stores(settings, dataDir, clock, db, events, access, access, new SqlStatsStore(db),
                    new SqlRetention(db, clock, settings.retention()), opened);
        }
        SqliteDatabase db = SqliteDatabase.open(settings.sqliteFile());
        opened.add(db);
        SqliteEventStore events = new SqliteEventStore(db);
        opened.add(events::close);
        SqliteAccessStore access = new SqliteAccessStore(db);
        opened.add(access);
        return new Stores(settings, dataDir, clock, db, events, access, access, new SqlStatsStore(db),
                new SqlRetention(db, clock, settings.retention()), opened);
    }

    /**
     * The master secret every key of the portal is derived from: a SQLite node's {@code portal-secret.key} in its data
     * folder; for PostgreSQL the fleet's one in the shared database, created by the first node that asks.
     */
    public PortalSecrets secrets() {
        return settings.kind() == StoreSettings.Kind.POSTGRES ? PostgresFleetSecret.loadOrCreate(database, clock)
                : PortalSecrets.loadOrCreate(dataDir);
    }

    /**
     * Starts what keeps the store itself in shape while the portal runs: for SQLite, copying the write-ahead log into
     * the database file once a second (PostgreSQL does its own). Closing the result stops it.
     */
    public AutoCloseable startMaintenance() {
        if (database instanceof SqliteDatabase sqlite) {
            return new WalCheckpointer(sqlite, Duration.ofSeconds(1));
        }
        return () -> { };
    }

    /** The session roll-up of this store's kind, over the venues {@code venues} names (with their time zones) on each run. */
    public SessionRollup sessionRollup(Supplier<Map<String, ZoneId>> venues) {
        return new SqlSessionRollup(database, clock, venues);
    }

    /** The local folder the database lives in (SQLite's file's), whose free space the health check watches; none for PostgreSQL. */
    public Optional<Path> localFolder() {
        return settings.kind() == StoreSettings.Kind.SQLITE ? Optional.of(settings.sqliteFile().toAbsolutePath().getParent())
                : Optional.empty();
    }

    public Database database() {
        return database;
    }

    public EventStore events() {
        return events;
    }

    /** How many event writers the store takes at once: {@code store.postgres.writers}; one on SQLite. */
    public int writers() {
        return settings.postgres().map(PostgresSettings::writers).orElse(1);
    }

    /**
     * One event store per event writer, {@link #events()} first: each holds its own connection, so their batches commit
     * side by side. Asked once; more than {@link #writers()} only to replay spool files a node with more writers left.
     */
    public synchronized List<EventStore> writerStores(int writers) {
        if (writers > 1 && settings.kind() != StoreSettings.Kind.POSTGRES) {
            throw new IllegalArgumentException("SQLite takes one writer");
        }
        if (writerStores == null) {
            List<EventStore> stores = new ArrayList<>(List.of(events));
            for (int i = 1; i < writers; i++) {
                PostgresEventStore more = new PostgresEventStore((PostgresDatabase) database);
                opened.add(1, more::close); // closed before the database, which is first in the list
                stores.add(more);
            }
            writerStores = List.copyOf(stores);
        }
        return writerStores;
    }

    public DeviceStore devices() {
        return devices;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public PolledGrants polledGrants() {
        return polledGrants;
    }

    public RegistryStore registry() {
        return registry;
    }

    public StatsStore stats() {
        return stats;
    }

    public Retention retention() {
        return retention;
    }

    private static void closeInReverse(List<AutoCloseable> closeables) throws Exception {
        Exception first = null;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Closes the stores (the event writer must be closed before) and then the database. */
    @Override
    public void close() throws Exception {
        closeInReverse(opened);
    }
}
