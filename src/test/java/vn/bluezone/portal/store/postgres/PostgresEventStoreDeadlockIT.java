package vn.bluezone.portal.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.testing.FreshPostgresDatabase;

/**
 * The writer's answer to a deadlock, forced on a real PostgreSQL: another transaction (here a hand-held one, in a fleet
 * another node's) holds a roll-up row the batch needs and then waits for one the batch holds. The server aborts the
 * batch's transaction (40P01); the writer rolls back and writes the whole batch again, once the other has committed.
 */
class PostgresEventStoreDeadlockIT {
    @RegisterExtension
    static final FreshPostgresDatabase database = new FreshPostgresDatabase();
    private static final ZoneId HUE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDateTime MORNING = LocalDateTime.of(2026, 11, 29, 10, 0);

    private PostgresDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private static Impression shown(String venue) {
        return new Impression(MORNING.atZone(HUE).toInstant(), MORNING, venue, "gw", "device-" + venue, ImpressionKind.SHOWN,
                Platform.ANDROID, "vi", "bluezone", null);
    }

    @Test
    void aBatchChosenAsADeadlockVictimIsWrittenAgainWholeAndOnce() throws Exception {
        db = PostgresDatabase.open(database.storeSettings().postgres().orElseThrow());
        PostgresEventStore store = new PostgresEventStore(db);
        List<Impression> batch = List.of(shown("venue-a"), shown("venue-b"));
        store.append(batch); // the roll-up rows of both venues now exist

        try (Connection other = db.connect(); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            st.executeUpdate("UPDATE impression_daily SET count = count WHERE venue = 'venue-b'");
            // the batch locks venue-a's rows (key order), then waits for venue-b's, held here
            CompletableFuture<boolean[]> written = CompletableFuture.supplyAsync(() -> store.append(batch));
            awaitWaitingForALock(db);
            long before = System.nanoTime();
            // now this one waits for venue-a's: a circle, which the server breaks by aborting the one that waited first
            st.executeUpdate("UPDATE impression_daily SET count = count WHERE venue = 'venue-a'");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(waitedMs).as("this transaction waited until the server resolved the deadlock").isGreaterThanOrEqualTo(500);
            assertThat(written).as("the batch is not done while this transaction holds venue-b").isNotDone();
            other.commit();

            assertThat(written.get(30, TimeUnit.SECONDS)).containsExactly(true, true);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT venue, SUM(count) FROM impression_daily GROUP BY venue ORDER BY venue")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(2)).as("venue-a: two batches, each once").isEqualTo(2);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(2)).as("venue-b").isEqualTo(2);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM impression")) {
            rs.next();
            assertThat(rs.getLong(1)).as("raw rows of the retried batch are not doubled").isEqualTo(4);
        }
    }

    /** Until some backend of this database waits for a row lock (the writer, behind the held transaction). */
    private static void awaitWaitingForALock(PostgresDatabase db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the batch never waited for the held rows");
    }
}
