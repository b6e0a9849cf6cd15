package vn.bluezone.portal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.config.StoreSettings;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.testing.TestClock;

/**
 * What the store contracts share: each test starts on an empty database of one store kind ({@link #settings()}), opens
 * the stores on it as a portal node does ({@link #node()}; a second call is a second node of the fleet on the same
 * database) and has them closed after it.
 */
public abstract class StoreContract {
    protected static final ZoneId HUE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    protected static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    /** A node's data folder (a SQLite store's file and secret are kept in it). */
    @TempDir
    protected Path dataDir;
    protected final TestClock clock = new TestClock(T0);
    private final List<Stores> opened = new ArrayList<>();
    private static int nonces;

    /** The store under test, on an empty database for each test. */
    protected abstract StoreSettings settings();

    /** The stores of one portal node on the test's database. */
    protected final Stores node() {
        Stores stores = Stores.open(settings(), dataDir, clock);
        opened.add(stores);
        return stores;
    }

    @AfterEach
    final void closeNodes() throws Exception {
        for (Stores stores : opened) {
            stores.close();
        }
        opened.clear();
    }

    /** An impression at a venue's local time (Hue's clock); acknowledgements get a new visit nonce. */
    protected static Impression impression(String venue, String device, ImpressionKind kind, Platform platform, String language,
            LocalDateTime local) {
        return new Impression(local.atZone(HUE_ZONE).toInstant(), local, venue, "gw", device, kind, platform, language, "bluezone",
                kind == ImpressionKind.ACKNOWLEDGED ? "nonce-" + ++nonces : null);
    }

    /** The single number a query on the raw tables answers. */
    protected static long count(Stores stores, String sql) throws SQLException {
        try (Connection c = stores.database().connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
