package vn.bluezone.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.events.EventSpool;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.EventWriter.Mode;
import vn.bluezone.portal.events.RecentNonces;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;
import vn.bluezone.portal.testing.SqliteOutage;
import vn.bluezone.portal.testing.TestClock;

/** What /healthz says in each state of the store, the spool and the disks, and in which words. */
class HealthTest {
    private static final Map<String, Long> ROOMY = Map.of("data", 1L << 30, "database", 1L << 30);

    @TempDir
    Path dir;

    private static Health.Report report(boolean reachable, Mode mode, boolean diskFull, Map<String, Long> free) {
        return new Health.Report(reachable, true, new EventWriter.Status(mode, mode == Mode.DIRECT ? 0 : 4096, mode == Mode.DIRECT ? 0 : 3,
                mode == Mode.DIRECT ? "" : "cannot store events: [SQLITE_FULL] database or disk is full", diskFull), free, 0, 10, 5, 0);
    }

    private static JsonNode json(Health.Report report) throws Exception {
        return new ObjectMapper().readTree(report.toJson());
    }

    @Test
    void aWorkingNodeIsReady() throws Exception {
        Health.Report ok = report(true, Mode.DIRECT, false, ROOMY);
        assertThat(ok.state()).isEqualTo(Health.State.READY);
        JsonNode body = json(ok);
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("message").asText()).isEqualTo("Working normally / Hoạt động bình thường");
        assertThat(body.get("spool").get("bytes").asLong()).isZero();
        assertThat(body.get("freeBytes").get("data").asLong()).isEqualTo(1L << 30);
        assertThat(body.has("problem")).isFalse();
    }

    @Test
    void whileEventsAreSpooledTheNodeStillServesButSaysWhy() throws Exception {
        Health.Report spooling = report(false, Mode.SPOOLING, false, ROOMY);
        assertThat(spooling.ready()).as("visitors are still counted and let on").isTrue();
        JsonNode body = json(spooling);
        assertThat(body.get("status").asText()).isEqualTo("degraded");
        assertThat(body.get("store").asText()).isEqualTo("unreachable");
        assertThat(body.get("writes").asText()).isEqualTo("spooling");
        assertThat(body.get("spool").get("bytes").asLong()).isEqualTo(4096);
        assertThat(body.get("spool").get("batches").asInt()).isEqualTo(3);
        assertThat(body.get("message").asText()).contains("spool file").contains("tệp dự phòng");
        assertThat(json(report(true, Mode.REPLAYING, false, ROOMY)).get("message").asText()).contains("being stored").contains("đang được ghi");
    }

    @Test
    void aFullDiskMakesTheNodeNotReadyWithAMessageSayingSo() throws Exception {
        Health.Report full = report(true, Mode.FAILING, true, Map.of("data", 0L, "database", 0L));
        assertThat(full.ready()).isFalse();
        JsonNode body = json(full);
        assertThat(body.get("status").asText()).isEqualTo("not ready");
        assertThat(body.get("message").asText()).startsWith("Disk full").contains("Ổ đĩa đầy");
        assertThat(body.get("problem").asText()).contains("SQLITE_FULL");
        assertThat(json(report(true, Mode.FAILING, false, ROOMY)).get("message").asText()).contains("neither in the database nor in the spool");
    }

    @Test
    void aNearlyFullDiskIsReportedBeforeItStopsAnything() throws Exception {
        Health.Report low = report(true, Mode.DIRECT, false, Map.of("data", Health.LOW_SPACE_BYTES - 1, "database", 1L << 30));
        assertThat(low.state()).isEqualTo(Health.State.DEGRADED);
        assertThat(low.message()).contains("16 MB free on the disk of the data folder").contains("thư mục dữ liệu");
    }

    @Test
    void theCheckReadsTheWriterTheStoreAndTheDisks() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("portal.db"));
        SqliteEventStore store = new SqliteEventStore(db);
        try (EventSpool spool = EventSpool.open(dir.resolve("events.spool"));
                EventWriter writer = new EventWriter(store, spool, new RecentNonces(new TestClock(java.time.Instant.EPOCH), Duration.ofHours(1), 10),
                        10, 10, Duration.ofSeconds(5))) {
            Health health = new Health(store, writer, Map.of("data", dir));
            assertThat(health.check().state()).isEqualTo(Health.State.READY);
            assertThat(health.check().freeBytes().get("data")).isPositive();
            try (SqliteOutage outage = SqliteOutage.begin(db)) {
                assertThat(health.check().storeReachable()).isFalse();
                assertThat(health.check().state()).isEqualTo(Health.State.DEGRADED);
            }
        } finally {
            store.close();
        }
    }
}
