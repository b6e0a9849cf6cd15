package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionFlag;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.stats.FlaggedCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;

/**
 * {@link EventStore} and {@link StatsStore} with flagged impressions: recorded in their own roll-up, shown beside a
 * venue's figures and never inside them.
 */
public abstract class FlaggedImpressionsContract extends StoreContract {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    private EventStore events;
    private StatsStore stats;

    @BeforeEach
    void open() {
        Stores stores = node();
        events = stores.events();
        stats = stores.stats();
    }

    private static Impression impression(String device, ImpressionKind kind, String nonce, ImpressionFlag flag) {
        LocalDateTime local = DAY.atTime(9, 30);
        return new Impression(local.atZone(ZONE).toInstant(), local, "hue", "gw", device, kind, Platform.ANDROID, "vi", "bluezone",
                nonce, flag);
    }

    private StatsQuery hueOnDay() {
        return new StatsQuery(Map.of("hue", ZONE), DAY, DAY);
    }

    @Test
    void flaggedImpressionsAreKeptOutOfTheTotalsAndDevicesAndCountedApartByKindAndReason() {
        boolean[] stored = events.append(List.of(
                impression("A", ImpressionKind.SHOWN, null, ImpressionFlag.NONE),
                impression("B", ImpressionKind.SHOWN, null, ImpressionFlag.OUTSIDE_GATEWAY_ADDRESSES),
                impression("A", ImpressionKind.SHOWN, null, ImpressionFlag.DEVICE_LIMIT),
                impression("A", ImpressionKind.SHOWN, null, ImpressionFlag.DEVICE_LIMIT),
                impression("C", ImpressionKind.STORE_CLICK, null, ImpressionFlag.ADDRESS_LIMIT)));
        assertThat(stored).containsOnly(true);

        StatsSummary summary = stats.summary(hueOnDay());
        assertThat(summary.totals().shown()).isEqualTo(1);
        assertThat(summary.totals().storeClicks()).isZero();
        assertThat(summary.uniqueDevicesByDay().get(DAY)).as("only the counted device").isEqualTo(1);

        FlaggedCounts flagged = stats.flagged(hueOnDay()).get("hue");
        assertThat(flagged.total()).isEqualTo(4);
        assertThat(flagged.byKind().shown()).isEqualTo(3);
        assertThat(flagged.byKind().storeClicks()).isEqualTo(1);
        assertThat(flagged.byReason()).containsExactlyInAnyOrderEntriesOf(Map.of(ImpressionFlag.OUTSIDE_GATEWAY_ADDRESSES, 1L,
                ImpressionFlag.DEVICE_LIMIT, 2L, ImpressionFlag.ADDRESS_LIMIT, 1L));
        assertThat(stats.flagged(new StatsQuery(Map.of("hue", ZONE), DAY.plusDays(1), DAY.plusDays(1)))).as("another day").isEmpty();
    }

    @Test
    void aVisitIsAcknowledgedOnceWhetherItsAcknowledgementsAreFlaggedOrNot() {
        assertThat(events.append(List.of(impression("A", ImpressionKind.ACKNOWLEDGED, "n1", ImpressionFlag.DEVICE_LIMIT)))).containsExactly(true);
        assertThat(events.append(List.of(impression("A", ImpressionKind.ACKNOWLEDGED, "n1", ImpressionFlag.NONE))))
                .as("a counted replay of a flagged acknowledgement").containsExactly(false);
        assertThat(events.append(List.of(impression("A", ImpressionKind.ACKNOWLEDGED, "n1", ImpressionFlag.DEVICE_LIMIT))))
                .as("a flagged replay").containsExactly(false);

        assertThat(events.append(List.of(impression("B", ImpressionKind.ACKNOWLEDGED, "n2", ImpressionFlag.NONE)))).containsExactly(true);
        assertThat(events.append(List.of(impression("B", ImpressionKind.ACKNOWLEDGED, "n2", ImpressionFlag.ADDRESS_LIMIT))))
                .as("a flagged replay of a counted acknowledgement").containsExactly(false);

        assertThat(stats.summary(hueOnDay()).totals().acknowledged()).isEqualTo(1);
        assertThat(stats.flagged(hueOnDay()).get("hue").byKind().acknowledged()).isEqualTo(1);
    }
}
