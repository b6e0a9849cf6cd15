package vn.bluezone.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;

/** What the writer tells {@code /metrics}: stored impressions by kind, batches, refusals, and how far it lags. */
class WriterStatsTest {
    private static final Instant AT = Instant.parse("2026-11-29T03:00:00Z");

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private SqliteEventStore store;
    private final WriterStats stats = new WriterStats(100);

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("portal.db"));
        store = new SqliteEventStore(db);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Impression impression(ImpressionKind kind, String nonce) {
        return new Impression(AT, LocalDateTime.ofInstant(AT, ZoneOffset.ofHours(7)), "hue", "gw", "device", kind, Platform.IOS, "vi",
                "bluezone", nonce);
    }

    private static AccountingRecord accountingStart() {
        return new AccountingRecord(AT, AccountingRecord.Status.START, "nas", "127.0.0.1", "hue", "session-1", "device", 0, 0, 0, "");
    }

    @Test
    void storedEventsAreCountedByKindAndTypeAndReplaysAreNot() throws Exception {
        try (EventWriter writer = new EventWriter(store, 100, 1000, Duration.ofSeconds(5), stats)) {
            List<CompletableFuture<EventWriter.Outcome>> done = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                done.add(writer.record(impression(ImpressionKind.SHOWN, null)));
            }
            done.add(writer.record(impression(ImpressionKind.ACKNOWLEDGED, "nonce-1")));
            done.add(writer.record(accountingStart()));
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(writer.record(impression(ImpressionKind.ACKNOWLEDGED, "nonce-1")).get(10, TimeUnit.SECONDS))
                    .isEqualTo(EventWriter.Outcome.REPLAY);
        }
        assertThat(stats.impressions(ImpressionKind.SHOWN)).isEqualTo(30);
        assertThat(stats.impressions(ImpressionKind.ACKNOWLEDGED)).isEqualTo(1);
        assertThat(stats.impressions(ImpressionKind.STORE_CLICK)).isZero();
        assertThat(stats.stored(WriterStats.Type.IMPRESSION)).isEqualTo(31);
        assertThat(stats.stored(WriterStats.Type.ACCOUNTING)).isEqualTo(1);
        BucketCounts.Snapshot batches = stats.batchSizes().snapshot();
        assertThat(batches.sum()).as("every event went through one batch").isEqualTo(33);
        assertThat(batches.count()).isBetween(2L, 33L);
        assertThat(stats.commitTimes().snapshot().count()).isEqualTo(batches.count());
    }

    @Test
    void batchSizeBucketsArePowersOfTwoUpToTheLargestBatch() {
        assertThat(new WriterStats(1000).batchSizes().upperBounds()).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000);
        assertThat(new WriterStats(256).batchSizes().upperBounds()).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256);
    }

    @Test
    void aStalledStoreShowsAsLagThenAsRefusalsAndTimeouts() throws Exception {
        try (Connection other = db.connect(); EventWriter writer = new EventWriter(store, 10, 20, Duration.ofMillis(600), stats)) {
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO impression (at_ms, local_day, local_hour, venue, gateway, device_key, kind, "
                    + "platform, language, campaign) VALUES (0, '2026-01-01', 0, 'x', 'x', 'x', 'shown', 'other', 'vi', 'x')");
            for (int i = 0; i < 50; i++) {
                writer.record(impression(ImpressionKind.SHOWN, null));
            }
            Thread.sleep(300);
            assertThat(writer.queued()).isPositive();
            assertThat(writer.lag()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(stats.failed(EventWriter.Failure.QUEUE_FULL)).isPositive();
            Thread.sleep(1500);
            assertThat(stats.failed(EventWriter.Failure.TIMED_OUT)).isPositive();
            other.rollback();
        }
    }
}
