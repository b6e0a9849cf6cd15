package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.store.Retention.Purged;

/** {@link Retention}: raw rows past {@code store.retention} go, in chunks; the roll-ups stay. */
public abstract class RetentionContract extends StoreContract {
    private static final LocalDate OLD_DAY = LocalDate.of(2026, 8, 1);
    private static final LocalDate RECENT_DAY = LocalDate.of(2026, 11, 20);

    @Test
    void deletesRawRowsPastTheRetentionInChunksAndKeepsTheRollUps() throws Exception {
        Stores stores = node();
        EventStore events = stores.events();
        int oldRows = 4500; // more than two of the job's chunks (2000 rows)
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
        clock.set(now);
        Retention retention = stores.retention();

        Purged purged = retention.purge();

        assertThat(purged).isEqualTo(new Purged(oldRows, 700, 1));
        assertThat(count(stores, "SELECT COUNT(*) FROM impression")).isEqualTo(1);
        assertThat(count(stores, "SELECT COUNT(*) FROM device_day")).isEqualTo(1);
        assertThat(count(stores, "SELECT COUNT(*) FROM polled_grant WHERE grant_key = 'waiting'")).isEqualTo(1);
        assertThat(count(stores, "SELECT COUNT(*) FROM polled_grant")).isEqualTo(1);
        StatsStore stats = stores.stats();
        StatsSummary old = stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE, "market", HUE_ZONE), OLD_DAY, OLD_DAY));
        assertThat(old.totals()).as("roll-ups are kept").isEqualTo(new ImpressionCounts(oldRows, 0, 0, 0));
        assertThat(old.uniqueDevicesByDay()).as("the day's device count is kept").containsExactly(Map.entry(OLD_DAY, 700L));
        assertThat(stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE), OLD_DAY, OLD_DAY)).uniqueDevicesByDay())
                .containsExactly(Map.entry(OLD_DAY, 350L));

        assertThat(retention.purge()).as("nothing more to do").isEqualTo(new Purged(0, 0, 0));
        clock.advance(Duration.ofDays(92));
        assertThat(retention.purge()).as("once the recent rows are old too").isEqualTo(new Purged(1, 1, 1));
        assertThat(stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE), RECENT_DAY, RECENT_DAY)).uniqueDevicesByDay())
                .containsExactly(Map.entry(RECENT_DAY, 1L));
    }

    @Test
    void keepsRowsInsideTheRetentionUpToTheDayBeforeTheCutoff() throws Exception {
        Stores stores = node();
        LocalDateTime start = LocalDate.of(2026, 9, 1).atTime(12, 0);
        List<Event> daily = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            daily.add(impression("hue", "d", ImpressionKind.SHOWN, Platform.OTHER, "vi", start.plusDays(day)));
        }
        stores.events().append(daily);
        // 90 days after the fifth impression: the first four are older than the retention
        clock.set(start.plusDays(4).atZone(HUE_ZONE).toInstant().plus(Duration.ofDays(90)).minusSeconds(1));

        Purged purged = stores.retention().purge();

        assertThat(purged.impressions()).isEqualTo(4);
        assertThat(purged.deviceDays()).as("device keys of days that ended a day before the cutoff").isEqualTo(3);
        assertThat(count(stores, "SELECT COUNT(*) FROM device_day")).isEqualTo(7);
    }
}
