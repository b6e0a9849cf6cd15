package vn.bluezone.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

class EventWriterTest {
    private static final ZoneId HUE = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private SqliteEventStore store;
    private EventWriter writer;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("portal.db"));
        store = new SqliteEventStore(db);
        writer = new EventWriter(store, 1000, 100_000, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        writer.close();
        store.close();
    }

    private static Impression event(ImpressionKind kind, Instant at, String nonce) {
        return new Impression(at, LocalDateTime.ofInstant(at, HUE), "hue", "gw", "device", kind, Platform.ANDROID, "vi", "bluezone", nonce);
    }

    /** Another process writing: it holds SQLite's write lock until it rolls back. */
    private static void holdWriteLock(Connection other) throws Exception {
        other.setAutoCommit(false);
        other.createStatement().execute("INSERT INTO impression (at_ms, local_day, local_hour, venue, gateway, device_key, kind, "
                + "platform, language, campaign) VALUES (0, '2026-01-01', 0, 'x', 'x', 'x', 'shown', 'other', 'vi', 'x')");
    }

    @Test
    void manyConcurrentImpressionsShareFewCommitsAndAreAllStored() throws Exception {
        Instant at = Instant.parse("2026-11-29T03:00:00Z");
        List<CompletableFuture<EventWriter.Outcome>> done = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            done.add(writer.record(event(ImpressionKind.SHOWN, at, null)));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(done).allMatch(f -> f.join() == EventWriter.Outcome.STORED);
        assertThat(writer.batchCount()).isLessThan(5000);
        assertThat(store.countByDay("hue", LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 29)))
                .containsExactly(new EventStore.DailyCount(LocalDate.of(2026, 11, 29), ImpressionKind.SHOWN, 5000));
    }

    @Test
    void aVisitIsAcknowledgedOnlyOnce() throws Exception {
        Instant at = Instant.parse("2026-11-29T03:00:00Z");
        assertThat(writer.record(event(ImpressionKind.ACKNOWLEDGED, at, "nonce-1")).get(5, TimeUnit.SECONDS)).isEqualTo(EventWriter.Outcome.STORED);
        assertThat(writer.record(event(ImpressionKind.ACKNOWLEDGED, at, "nonce-1")).get(5, TimeUnit.SECONDS)).isEqualTo(EventWriter.Outcome.REPLAY);
        assertThat(writer.record(event(ImpressionKind.ACKNOWLEDGED, at, "nonce-2")).get(5, TimeUnit.SECONDS)).isEqualTo(EventWriter.Outcome.STORED);
        assertThat(store.countByDay("hue", LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 29)))
                .containsExactly(new EventStore.DailyCount(LocalDate.of(2026, 11, 29), ImpressionKind.ACKNOWLEDGED, 2));
    }

    @Test
    void daysAreCountedOnTheVenuesClock() throws Exception {
        // 18:30 UTC on the 28th is 01:30 on the 29th in Huế
        writer.record(event(ImpressionKind.SHOWN, Instant.parse("2026-11-28T18:30:00Z"), null)).get(5, TimeUnit.SECONDS);
        assertThat(store.countByDay("hue", LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 29))).hasSize(1);
        assertThat(store.countByDay("hue", LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 28))).isEmpty();
    }

    @Test
    void closingCommitsEverythingAlreadyQueuedAndRefusesMore() throws Exception {
        Instant at = Instant.parse("2026-11-29T03:00:00Z");
        List<CompletableFuture<EventWriter.Outcome>> done = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            done.add(writer.record(event(ImpressionKind.SHOWN, at, null)));
        }
        writer.close();
        assertThat(done).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(writer.record(event(ImpressionKind.SHOWN, at, null))).isCompletedExceptionally();
        assertThat(store.countByDay("hue", LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 29)).get(0).count()).isEqualTo(2000);
    }

    @Test
    void aFullQueueSaysBusyInsteadOfGrowing() throws Exception {
        try (Connection other = db.connect(); EventWriter small = new EventWriter(store, 10, 100, Duration.ofSeconds(20))) {
            holdWriteLock(other);
            // another process holds the write lock: the writer waits, its queue fills
            Instant at = Instant.parse("2026-11-29T03:00:00Z");
            List<CompletableFuture<EventWriter.Outcome>> done = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                done.add(small.record(event(ImpressionKind.SHOWN, at, null)));
            }
            assertThat(done.stream().filter(CompletableFuture::isCompletedExceptionally).count()).isGreaterThanOrEqualTo(190);
            other.rollback();
            List<CompletableFuture<EventWriter.Outcome>> accepted = done.stream().filter(f -> !f.isCompletedExceptionally()).toList();
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(store.countByDay("hue", LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 29)).get(0).count())
                    .isEqualTo(accepted.size());
        }
    }

    @Test
    void aVisitorIsNotKeptWaitingLongerThanTheCommitTimeout() throws Exception {
        try (Connection other = db.connect(); EventWriter impatient = new EventWriter(store, 10, 100, Duration.ofMillis(300))) {
            holdWriteLock(other);
            long started = System.nanoTime();
            CompletableFuture<EventWriter.Outcome> waiting = impatient.record(event(ImpressionKind.SHOWN, Instant.now(), null));
            assertThat(waiting).failsWithin(3, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            other.rollback();
        }
    }

    @Test
    void aFailingStoreFailsTheBatchSoNoPageIsSentUncounted() throws Exception {
        try (Connection other = db.connect()) {
            other.createStatement().execute("ALTER TABLE impression RENAME TO impression_gone");
        }
        CompletableFuture<EventWriter.Outcome> f = writer.record(event(ImpressionKind.SHOWN, Instant.now(), null));
        assertThat(f).failsWithin(10, TimeUnit.SECONDS);
        assertThat(writer.failedBatchCount()).isEqualTo(1);
        assertThat(store.isReachable()).isFalse();
    }
}
