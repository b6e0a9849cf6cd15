package vn.bluezone.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;
import vn.bluezone.portal.testing.LogLines;
import vn.bluezone.portal.testing.SqliteOutage;
import vn.bluezone.portal.testing.TestClock;

/**
 * The writer with its spool and the real SQLite store: while the store fails, events are acknowledged from the
 * spool file; when it is back, they are stored in order and exactly once, also across a crash in the middle.
 */
class EventWriterSpoolTest {
    private static final ZoneId HUE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant AT = Instant.parse("2026-11-29T03:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 29);

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(AT);
    private SqliteDatabase db;
    private SqliteEventStore store;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("portal.db"));
        store = new SqliteEventStore(db);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        store.close();
    }

    private Path spoolFile() {
        return dir.resolve("events.spool");
    }

    private EventWriter writer(EventStore on) throws Exception {
        EventSpool spool = EventSpool.open(spoolFile());
        EventWriter writer = new EventWriter(on, spool, new RecentNonces(clock, Duration.ofHours(1), 1000), 100, 10_000,
                Duration.ofSeconds(5));
        toClose.add(spool);
        toClose.add(writer);
        return writer;
    }

    private static Impression shown(String device) {
        return new Impression(AT, LocalDateTime.ofInstant(AT, HUE), "hue", "gw", device, ImpressionKind.SHOWN, Platform.ANDROID, "vi",
                "bluezone", null);
    }

    private static Impression acknowledged(String nonce) {
        return new Impression(AT, LocalDateTime.ofInstant(AT, HUE), "hue", "gw", "device", ImpressionKind.ACKNOWLEDGED, Platform.ANDROID,
                "vi", "bluezone", nonce);
    }

    private static AccountingRecord accounting(AccountingRecord.Status status, String session, long inputOctets) {
        return new AccountingRecord(AT, status, "hue-nas", "10.0.0.1", "hue", status.isNasWide() ? "" : session, status.isNasWide() ? "" : "device",
                60, inputOctets, 0, "");
    }

    private static EventWriter.Outcome outcome(CompletableFuture<EventWriter.Outcome> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void awaitMode(EventWriter writer, EventWriter.Mode mode) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (writer.status().mode() != mode && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(writer.status().mode()).isEqualTo(mode);
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<EventStore.DailyCount> counts() {
        return store.countByDay("hue", DAY, DAY);
    }

    @Test
    void whileTheStoreIsDownEventsAreAcknowledgedFromTheSpool_andStoredInOrderOnceItIsBack() throws Exception {
        EventWriter writer = writer(store);
        try (LogLines log = LogLines.of(EventWriter.class); SqliteOutage outage = SqliteOutage.begin(db)) {
            List<CompletableFuture<EventWriter.Outcome>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                done.add(writer.record(shown("d" + i)));
            }
            done.add(writer.record(acknowledged("n1")));
            done.add(writer.record(new GrantRedemption(AT, "g1", "hue", "hue-nas", "device")));
            done.add(writer.record(accounting(AccountingRecord.Status.START, "s1", 100)));
            for (CompletableFuture<EventWriter.Outcome> f : done) {
                assertThat(outcome(f)).isEqualTo(EventWriter.Outcome.STORED);
            }
            // the NAS restarted after the session began: the order decides that the session has ended
            assertThat(outcome(writer.record(accounting(AccountingRecord.Status.NAS_ON, "", 0)))).isEqualTo(EventWriter.Outcome.STORED);

            assertThat(outcome(writer.record(acknowledged("n1")))).as("a replayed Continue on this node").isEqualTo(EventWriter.Outcome.REPLAY);
            assertThat(outcome(writer.record(new GrantRedemption(AT, "g1", "hue", "hue-nas", "device"))))
                    .as("a replayed grant token on this node").isEqualTo(EventWriter.Outcome.REPLAY);
            assertThat(writer.status().mode()).isEqualTo(EventWriter.Mode.SPOOLING);
            assertThat(writer.status().problem()).contains("no such table");
            assertThat(writer.spoolBytes()).isPositive();
            assertThat(writer.spooledCount()).isEqualTo(204);
            assertThat(log.all()).anyMatch(l -> l.startsWith("WARN the store cannot take events") && l.contains(spoolFile().toString()));

            outage.end();
            awaitMode(writer, EventWriter.Mode.DIRECT);
            assertThat(log.all()).anyMatch(l -> l.startsWith("INFO spool replayed into the store"));
        }
        assertThat(counts()).containsExactly(
                new EventStore.DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 1),
                new EventStore.DailyCount(DAY, ImpressionKind.SHOWN, 200));
        assertThat(count("SELECT COUNT(*) FROM grant_redemption WHERE nonce = 'g1'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM radius_session WHERE session_id = 's1' AND terminate_cause = 'NAS-Reboot'")).isEqualTo(1);
        assertThat(Files.exists(spoolFile())).as("deleted once replayed").isFalse();
        assertThat(writer.spoolBytes()).isZero();
        assertThat(outcome(writer.record(acknowledged("n1")))).as("and the store refuses the replay again").isEqualTo(EventWriter.Outcome.REPLAY);
    }

    @Test
    void anAcknowledgementAnotherNodeStoredMeanwhileIsDroppedAsAReplay() throws Exception {
        try (EventSpool spool = EventSpool.open(spoolFile())) {
            spool.append(List.of(acknowledged("n1"), shown("d1")));
        }
        store.append(List.of(acknowledged("n1"))); // the other node reached the store first
        try (LogLines log = LogLines.of(EventWriter.class)) {
            EventWriter writer = writer(store);
            awaitMode(writer, EventWriter.Mode.DIRECT);
            assertThat(log.all()).anyMatch(l -> l.contains("1 of them dropped as replays"));
        }
        assertThat(counts()).containsExactly(
                new EventStore.DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 1),
                new EventStore.DailyCount(DAY, ImpressionKind.SHOWN, 1));
    }

    /** Five spooled batches: ten pages, an acknowledgement and an accounting update each. */
    private void spoolFiveBatches() throws Exception {
        try (EventSpool spool = EventSpool.open(spoolFile())) {
            for (int b = 1; b <= 5; b++) {
                List<Event> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    batch.add(shown("d" + b + "-" + i));
                }
                batch.add(acknowledged("n" + b));
                batch.add(accounting(AccountingRecord.Status.INTERIM, "s1", b * 1000L));
                spool.append(batch);
            }
        }
    }

    private void assertFiveBatchesStoredOnce() throws Exception {
        assertThat(counts()).containsExactly(
                new EventStore.DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 5),
                new EventStore.DailyCount(DAY, ImpressionKind.SHOWN, 50));
        assertThat(count("SELECT COUNT(*) FROM impression")).isEqualTo(55);
        assertThat(count("SELECT input_octets FROM radius_session WHERE session_id = 's1'")).isEqualTo(5000);
    }

    @Test
    void aCrashInTheMiddleOfAReplayStoresNothingTwice() throws Exception {
        spoolFiveBatches();
        Path atCrash = Files.copy(spoolFile(), dir.resolve("spool-as-the-crash-left-it"));
        // the replay before the crash committed the first three batches, then the process died
        try (EventSpool spool = EventSpool.open(spoolFile())) {
            for (int b = 0; b < 3; b++) {
                EventSpool.SpooledBatch batch = spool.next().orElseThrow();
                assertThat(store.appendOnce(batch.id(), batch.events())).isPresent();
                spool.replayed(batch);
            }
        }
        try (LogLines log = LogLines.of(EventWriter.class)) {
            EventWriter restarted = writer(store);
            awaitMode(restarted, EventWriter.Mode.DIRECT);
            assertThat(log.all()).anyMatch(l -> l.contains("2 batches (24 events)") && l.contains("3 batches were in the store already"));
        }
        assertFiveBatchesStoredOnce();

        // a crash after the last batch was committed, before the replayed file was deleted
        Files.copy(atCrash, spoolFile());
        EventWriter again = writer(store);
        awaitMode(again, EventWriter.Mode.DIRECT);
        assertThat(Files.exists(spoolFile())).isFalse();
        assertFiveBatchesStoredOnce();
    }

    /** The real store, except that one replayed batch's answer is lost after its commit (a connection dropped). */
    private final class AnswerLostOnce implements EventStore {
        private final AtomicBoolean lost = new AtomicBoolean();

        @Override
        public boolean[] append(List<? extends Event> batch) {
            return store.append(batch);
        }

        @Override
        public Optional<boolean[]> appendOnce(BatchId id, List<? extends Event> batch) {
            Optional<boolean[]> applied = store.appendOnce(id, batch);
            if (id.sequence() == 2 && lost.compareAndSet(false, true)) {
                throw new StoreUnavailableException("connection lost while committing", null);
            }
            return applied;
        }

        @Override
        public List<DailyCount> countByDay(String venue, LocalDate from, LocalDate to) {
            return store.countByDay(venue, from, to);
        }

        @Override
        public boolean isReachable() {
            return store.isReachable();
        }
    }

    @Test
    void aReplayedBatchWhoseCommitWasNotConfirmedIsNotAppliedTwiceWhenTriedAgain() throws Exception {
        spoolFiveBatches();
        AnswerLostOnce flaky = new AnswerLostOnce();
        EventWriter writer = writer(flaky);
        awaitMode(writer, EventWriter.Mode.DIRECT);
        assertThat(flaky.lost).isTrue();
        assertFiveBatchesStoredOnce();
    }

    @Test
    void theSpoolLeftByTheLastRunIsReplayedBeforeWhatComesAfterIt() throws Exception {
        try (EventSpool spool = EventSpool.open(spoolFile())) {
            spool.append(List.of(accounting(AccountingRecord.Status.START, "s1", 0)));
        }
        EventWriter writer = writer(store);
        assertThat(outcome(writer.record(accounting(AccountingRecord.Status.NAS_ON, "", 0)))).isEqualTo(EventWriter.Outcome.STORED);
        awaitMode(writer, EventWriter.Mode.DIRECT);
        assertThat(count("SELECT COUNT(*) FROM radius_session WHERE session_id = 's1' AND stopped_ms IS NOT NULL"))
                .as("the session started before the NAS restarted, so it has ended").isEqualTo(1);
    }

    @Test
    void whenNeitherTheStoreNorTheSpoolCanKeepABatch_itsCallersAreToldToRetry_andTheNextBatchIsKeptAgain() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("spool-folder"));
        EventSpool spool = EventSpool.open(folder.resolve("events.spool"));
        toClose.add(spool);
        EventWriter writer = new EventWriter(store, spool, new RecentNonces(clock, Duration.ofHours(1), 1000), 100, 10_000,
                Duration.ofSeconds(5));
        toClose.add(writer);
        Files.delete(folder); // the spool's folder is gone: it cannot be created
        try (LogLines log = LogLines.of(EventWriter.class); SqliteOutage outage = SqliteOutage.begin(db)) {
            CompletableFuture<EventWriter.Outcome> refused = writer.record(acknowledged("n1"));
            assertThat(refused).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(StoreUnavailableException.class);
            assertThat(writer.status().mode()).isEqualTo(EventWriter.Mode.FAILING);
            assertThat(writer.failedBatchCount()).isEqualTo(1);
            assertThat(log.all()).anyMatch(l -> l.startsWith("ERROR could not keep 1 events, their callers are asked to retry")
                    && l.contains("no such table") && l.contains("spool file"));

            Files.createDirectory(folder);
            assertThat(outcome(writer.record(acknowledged("n1")))).as("the refused acknowledgement may be tried again")
                    .isEqualTo(EventWriter.Outcome.STORED);
            assertThat(writer.status().mode()).isEqualTo(EventWriter.Mode.SPOOLING);
            assertThat(log.all()).anyMatch(l -> l.startsWith("INFO events are kept again"));
            outage.end();
            awaitMode(writer, EventWriter.Mode.DIRECT);
        }
        assertThat(counts()).containsExactly(new EventStore.DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 1));
    }
}
