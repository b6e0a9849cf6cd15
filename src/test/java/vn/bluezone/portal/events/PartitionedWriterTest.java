package vn.bluezone.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;

/** Two writers side by side, each on its own store here so the test can see which one took what. */
class PartitionedWriterTest {
    private static final ZoneId HUE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    @TempDir
    Path dir;
    private final List<SqliteDatabase> databases = new ArrayList<>();
    private final List<SqliteEventStore> stores = new ArrayList<>();
    private PartitionedWriter writer;
    /** Two venues that go to different writers. */
    private String first;
    private String second;

    @BeforeEach
    void open() {
        List<EventWriter> writers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SqliteDatabase db = SqliteDatabase.open(dir.resolve("store-" + i + ".db"));
            SqliteEventStore store = new SqliteEventStore(db);
            databases.add(db);
            stores.add(store);
            writers.add(new EventWriter(store, 50, 10_000, Duration.ofSeconds(5)));
        }
        writer = new PartitionedWriter(writers);
        first = "venue-0";
        second = "venue-1";
        for (int k = 1; PartitionedWriter.partition(shown(second, T0), 2) == PartitionedWriter.partition(shown(first, T0), 2); k++) {
            second = "venue-" + k;
        }
    }

    @AfterEach
    void close() {
        writer.close();
        stores.forEach(SqliteEventStore::close);
    }

    private static Impression shown(String venue, Instant at) {
        return new Impression(at, LocalDateTime.ofInstant(at, HUE), venue, "gw", "device", ImpressionKind.SHOWN, Platform.ANDROID, "vi",
                "bluezone", null);
    }

    @Test
    void everyEventOfAVenueGoesToTheSameWriterAndStaysInOrder() throws Exception {
        List<CompletableFuture<EventWriter.Outcome>> done = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            done.add(writer.record(shown(i % 2 == 0 ? first : second, T0.plusMillis(i))));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        int firstStore = PartitionedWriter.partition(shown(first, T0), 2);
        assertThat(venuesIn(firstStore)).containsExactly(first);
        assertThat(venuesIn(1 - firstStore)).containsExactly(second);
        for (int s = 0; s < 2; s++) {
            assertThat(timesInStoredOrder(s)).as("store %d: in the order recorded", s).hasSize(200).isSorted();
        }
        assertThat(writer.storedCount()).isEqualTo(400);
        assertThat(writer.batchCount()).as("both writers committed").isGreaterThanOrEqualTo(2);
        assertThat(writer.status().mode()).isEqualTo(EventWriter.Mode.DIRECT);
        assertThat(writer.isRunning()).isTrue();
    }

    @Test
    void aVenuesGrantsAndAccountingGoWhereItsImpressionsGo_aQueuedGrantByItsGateway() {
        int venue = PartitionedWriter.partition(shown(second, T0), 2);
        assertThat(PartitionedWriter.partition(new GrantRedemption(T0, "nonce", second, "nas-1", "device"), 2)).isEqualTo(venue);
        assertThat(PartitionedWriter.partition(new AccountingRecord(T0, AccountingRecord.Status.START, "nas-1", "10.0.0.1", second, "s-1",
                "device", 0, 0, 0, ""), 2)).isEqualTo(venue);
        assertThat(PartitionedWriter.partition(new PolledGrant(T0, second, "authmon", "key", "line", T0.plusSeconds(60)), 2))
                .as("the gateway's name decides").isEqualTo(venue);
    }

    @Test
    void stoppingStopsEveryWriterWithinOneSharedDeadline() {
        writer.record(shown(first, T0));
        writer.record(shown(second, T0));

        long started = System.nanoTime();
        assertThat(writer.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        assertThat(writer.isRunning()).isFalse();
        assertThat(writer.storedCount()).as("what was queued is committed").isEqualTo(2);
    }

    private List<String> venuesIn(int store) throws Exception {
        List<String> venues = new ArrayList<>();
        try (Connection c = databases.get(store).connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT venue FROM impression ORDER BY venue")) {
            while (rs.next()) {
                venues.add(rs.getString(1));
            }
        }
        return venues;
    }

    private List<Long> timesInStoredOrder(int store) throws Exception {
        List<Long> times = new ArrayList<>();
        try (Connection c = databases.get(store).connect(); ResultSet rs = c.createStatement().executeQuery("SELECT at_ms FROM impression ORDER BY id")) {
            while (rs.next()) {
                times.add(rs.getLong(1));
            }
        }
        return times;
    }
}
