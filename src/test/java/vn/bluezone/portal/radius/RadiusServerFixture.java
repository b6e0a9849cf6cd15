package vn.bluezone.portal.radius;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.PortalSecrets;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.config.NasClientSettings;
import vn.bluezone.portal.config.RadiusSettings;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.EventSpool;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.RecentNonces;
import vn.bluezone.portal.notice.CampaignLoader;
import vn.bluezone.portal.store.sqlite.SqliteAccessStore;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;
import vn.bluezone.portal.testing.TestClock;
import vn.bluezone.portal.venue.Venues;

/** A RADIUS server on loopback with the real store, its token issuer and a test NAS. */
abstract class RadiusServerFixture {
    static final String SECRET = "test-secret-1234";
    static final String MAC = "02:00:0a:e7:01:0a";
    static final String NAS_MAC_FORM = "02-00-0A-E7-01-0A";

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    SqliteDatabase db;
    SqliteEventStore store;
    EventSpool spool;
    EventWriter writer;
    SqliteAccessStore access;
    RadiusServer server;
    RadiusServer.Services services;
    GrantTokens tokens;
    DeviceKeys deviceKeys;
    TestNas nas;

    @BeforeEach
    void start() throws Exception {
        db = SqliteDatabase.open(dir.resolve("portal.db"));
        store = new SqliteEventStore(db);
        spool = EventSpool.open(dir.resolve("events.spool"));
        writer = new EventWriter(store, spool, new RecentNonces(clock, Duration.ofHours(1), 1000), 1000, 10_000, Duration.ofSeconds(5));
        access = new SqliteAccessStore(db);
        PortalSecrets secrets = PortalSecrets.loadOrCreate(dir);
        tokens = GrantTokens.fromSecrets(secrets, clock, Duration.ofMinutes(10));
        deviceKeys = new DeviceKeys(secrets.derive("device-key"));
        VenueSettings venue = new VenueSettings("hue", "Huế", ZoneId.of("Asia/Ho_Chi_Minh"), Duration.ofHours(24),
                new VenueSettings.SessionLimits(Duration.ofHours(2), Duration.ofMinutes(15), Duration.ofMinutes(5), 512, 2048));
        RadiusSettings settings = new RadiusSettings(true, "127.0.0.1", 0, 0, 2, 10_000, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofSeconds(1), List.of(
                        new NasClientSettings("hue-nas", "127.0.0.1", SECRET, "hue", true, 3799),
                        new NasClientSettings("old-nas", "127.0.0.3/32", SECRET, "hue", false, 0)));
        services = new RadiusServer.Services(new Venues(List.of(venue)), tokens, deviceKeys, new ReturningDevices(access, clock), writer,
                new CampaignLoader().load(Path.of("portal-pages"), "bluezone"), clock);
        server = RadiusServer.start(settings, services);
        nas = new TestNas("127.0.0.1", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        nas.close();
        server.close();
        writer.close();
        spool.close();
        access.close();
        store.close();
    }

}
