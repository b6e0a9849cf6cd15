package vn.bluezone.portal.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bluezone.portal.store.sqlite.SqliteStatsStoreTest.HUE_ZONE;
import static vn.bluezone.portal.store.sqlite.SqliteStatsStoreTest.impression;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.testing.TestClock;

class SqliteRetentionTest {
    private static final LocalDate OLD_DAY = LocalDate.of(2026, 8, 1);
    private static final LocalDate RECENT_DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;

    private static long count(SqliteDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void deletesRawRowsPastTheRetentionInChunksAndKeepsTheRollUps() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("portal.db"));
        SqliteEventStore events = new SqliteEventStore(db);
        int oldRows = 2 * SqliteRetention.CHUNK + 500;
        for (int batch = 0; batch < oldRows / 500; batch++) {
            List<Event> old = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = batch * 500 + i;
                old.add(impression(n % 2 == 0 ? "hue" : "market", "device-" + n % 700, ImpressionKind.SHOWN, Platform.ANDROID, "vi",
                        OLD_DAY.atTime(6, 0).plusSeconds(n)));
            }
            events.append(old);
        }
        LocalDateTime recent = RECENT_DAY.atTime(9, 0);
        Instant now = recent.atZone(HUE_ZONE).toInstant();
        events.append(List.of(impression("hue", "device-1", ImpressionKind.SHOWN, Platform.IOS, "en", recent),
                new PolledGrant(now, "gw", "router", "expired", "line", now.minusSeconds(1)),
                new PolledGrant(now, "gw", "router", "waiting", "line", now.plusSeconds(600))));
        TestClock clock = new TestClock(now);
        SqliteRetention retention = new SqliteRetention(db, clock, Duration.ofDays(90));

        SqliteRetention.Purged purged = retention.purge();

        assertThat(purged).isEqualTo(new SqliteRetention.Purged(oldRows, 700, 1));
        assertThat(count(db, "SELECT COUNT(*) FROM impression")).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM device_day")).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM polled_grant WHERE grant_key = 'waiting'")).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM polled_grant")).isEqualTo(1);
        SqliteStatsStore stats = new SqliteStatsStore(db);
        StatsSummary old = stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE, "market", HUE_ZONE), OLD_DAY, OLD_DAY));
        assertThat(old.totals()).as("roll-ups are kept").isEqualTo(new ImpressionCounts(oldRows, 0, 0, 0));
        assertThat(old.uniqueDevicesByDay()).as("the day's device count is kept").containsExactly(Map.entry(OLD_DAY, 700L));
        assertThat(stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE), OLD_DAY, OLD_DAY)).uniqueDevicesByDay())
                .containsExactly(Map.entry(OLD_DAY, 350L));

        assertThat(retention.purge()).as("nothing more to do").isEqualTo(new SqliteRetention.Purged(0, 0, 0));
        clock.advance(Duration.ofDays(92));
        assertThat(retention.purge()).as("once the recent rows are old too").isEqualTo(new SqliteRetention.Purged(1, 1, 1));
        assertThat(stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE), RECENT_DAY, RECENT_DAY)).uniqueDevicesByDay())
                .containsExactly(Map.entry(RECENT_DAY, 1L));
        events.close();
    }

    @Test
    void keepsRowsInsideTheRetentionUpToTheDayBeforeTheCutoff() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("portal.db"));
        SqliteEventStore events = new SqliteEventStore(db);
        LocalDateTime start = LocalDate.of(2026, 9, 1).atTime(12, 0);
        List<Event> daily = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            daily.add(impression("hue", "d", ImpressionKind.SHOWN, Platform.OTHER, "vi", start.plusDays(day)));
        }
        events.append(daily);
        // 90 days after the fifth impression: the first four are older than the retention
        TestClock clock = new TestClock(start.plusDays(4).atZone(HUE_ZONE).toInstant().plus(Duration.ofDays(90)).minusSeconds(1));

        SqliteRetention.Purged purged = new SqliteRetention(db, clock, Duration.ofDays(90)).purge();

        assertThat(purged.impressions()).isEqualTo(4);
        assertThat(purged.deviceDays()).as("device keys of days that ended a day before the cutoff").isEqualTo(3);
        assertThat(count(db, "SELECT COUNT(*) FROM device_day")).isEqualTo(7);
        events.close();
    }
}
