package vn.bluezone.portal.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.events.BatchId;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;

class SqliteEventStoreTest {
    private static final Instant AT = Instant.parse("2026-11-29T03:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 29);

    @TempDir
    Path dir;

    private static Impression event(ImpressionKind kind, String nonce, Platform platform) {
        return new Impression(AT, LocalDateTime.ofInstant(AT, ZoneId.of("Asia/Ho_Chi_Minh")), "hue", "gw", "device", kind, platform,
                "vi", "bluezone", nonce);
    }

    @Test
    void aMixedBatchStoresEveryRowOnceAndRefusesOnlyTheReplayedAcknowledgement() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("portal.db"));
        SqliteEventStore store = new SqliteEventStore(db);
        List<Impression> batch = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            batch.add(event(i % 3 == 0 ? ImpressionKind.STORE_CLICK : ImpressionKind.SHOWN, null, i % 2 == 0 ? Platform.IOS : Platform.ANDROID));
        }
        batch.add(10, event(ImpressionKind.ACKNOWLEDGED, "n1", Platform.IOS));
        batch.add(20, event(ImpressionKind.ACKNOWLEDGED, "n2", Platform.IOS));
        batch.add(30, event(ImpressionKind.ACKNOWLEDGED, "n1", Platform.IOS));

        boolean[] stored = store.append(batch);

        for (int i = 0; i < batch.size(); i++) {
            assertThat(stored[i]).as("row %d", i).isEqualTo(i != 30);
        }
        assertThat(store.countByDay("hue", DAY, DAY)).containsExactly(
                new EventStore.DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 2),
                new EventStore.DailyCount(DAY, ImpressionKind.SHOWN, 30),
                new EventStore.DailyCount(DAY, ImpressionKind.STORE_CLICK, 15));
        try (Connection c = db.connect(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT COUNT(*), SUM(platform = 'ios') FROM impression")) {
            rows.next();
            assertThat(rows.getInt(1)).as("raw rows agree with the roll-up").isEqualTo(47);
            assertThat(rows.getInt(2)).isEqualTo(23 + 2);
        }
        store.close();
    }

    @Test
    void underAWriterThatNeverPausesTheWriteAheadLogStaysSmall() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("portal.db"));
        // the writer's own checkpoint after every batch (in production at most once a second): nothing else writes,
        // so each one catches up and the next transaction reuses the log from its start, however busy the machine
        SqliteEventStore store = new SqliteEventStore(db, java.time.Duration.ZERO);
        for (int batches = 0; batches < 40; batches++) {
            List<Impression> batch = new ArrayList<>(500);
            for (int i = 0; i < 500; i++) {
                batch.add(new Impression(AT, LocalDateTime.ofInstant(AT, ZoneId.of("Asia/Ho_Chi_Minh")), "hue", "gw",
                        "device-" + batches + "-" + i, ImpressionKind.SHOWN, Platform.ANDROID, "vi", "bluezone", null));
            }
            store.append(batch);
        }
        long wal = java.nio.file.Files.size(dir.resolve("portal.db-wal"));
        long database = java.nio.file.Files.size(dir.resolve("portal.db"));
        assertThat(wal).as("the log is reused instead of growing with everything written (database %d bytes)", database)
                .isLessThan(database / 4);
        store.close();
        db.close();
    }

    @Test
    void aSpooledBatchIsAppliedOnce_neverAgainNorBehindALaterOneOfItsSpool() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("portal.db"));
        SqliteEventStore store = new SqliteEventStore(db);
        UUID spool = UUID.randomUUID();
        List<Impression> batch = List.of(event(ImpressionKind.SHOWN, null, Platform.IOS), event(ImpressionKind.ACKNOWLEDGED, "n1", Platform.IOS));

        assertThat(store.appendOnce(new BatchId(spool, 1), batch)).hasValueSatisfying(stored -> assertThat(stored).containsExactly(true, true));
        assertThat(store.appendOnce(new BatchId(spool, 1), batch)).as("the same batch again, after a crash").isEmpty();
        assertThat(store.appendOnce(new BatchId(spool, 3), List.of(event(ImpressionKind.SHOWN, null, Platform.IOS)))).isPresent();
        assertThat(store.appendOnce(new BatchId(spool, 2), batch)).as("behind a later batch of the same spool").isEmpty();
        assertThat(store.appendOnce(new BatchId(UUID.randomUUID(), 1), batch))
                .as("another spool file's first batch; its acknowledgement is a replay of one stored")
                .hasValueSatisfying(stored -> assertThat(stored).containsExactly(true, false));

        assertThat(store.countByDay("hue", DAY, DAY)).containsExactly(
                new EventStore.DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 1),
                new EventStore.DailyCount(DAY, ImpressionKind.SHOWN, 3));
        store.close();
    }
}
