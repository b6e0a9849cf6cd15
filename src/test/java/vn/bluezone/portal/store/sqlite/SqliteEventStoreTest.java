package vn.bluezone.portal.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;

/** What only the SQLite event store does: its write-ahead log. The event store's contract is in SqliteStoresTest. */
class SqliteEventStoreTest {
    private static final Instant AT = Instant.parse("2026-11-29T03:00:00Z");

    @TempDir
    Path dir;

    @Test
    void underAWriterThatNeverPausesTheWriteAheadLogStaysSmall() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("portal.db"));
        // the writer's own checkpoint after every batch (in production at most once a second): nothing else writes,
        // so each one catches up and the next transaction reuses the log from its start, however busy the machine
        SqliteEventStore store = new SqliteEventStore(db, Duration.ZERO);
        for (int batches = 0; batches < 40; batches++) {
            List<Impression> batch = new ArrayList<>(500);
            for (int i = 0; i < 500; i++) {
                batch.add(new Impression(AT, LocalDateTime.ofInstant(AT, ZoneId.of("Asia/Ho_Chi_Minh")), "hue", "gw",
                        "device-" + batches + "-" + i, ImpressionKind.SHOWN, Platform.ANDROID, "vi", "bluezone", null));
            }
            store.append(batch);
        }
        long wal = Files.size(dir.resolve("portal.db-wal"));
        long database = Files.size(dir.resolve("portal.db"));
        assertThat(wal).as("the log is reused instead of growing with everything written (database %d bytes)", database)
                .isLessThan(database / 4);
        store.close();
        db.close();
    }
}
