package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;

/** {@link StatsStore}: statistics read back from a real store filled the way the event writer fills it. */
public abstract class StatsStoreContract extends StoreContract {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 28);
    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate D3 = D2.plusDays(1);
    private Stores stores;
    private EventStore events;
    private StatsStore stats;

    private static AccountingRecord session(AccountingRecord.Status status, String venue, String id, LocalDateTime local, long seconds) {
        return new AccountingRecord(local.atZone(HUE_ZONE).toInstant(), status, "nas-1", "127.0.0.1", venue, id, "device", seconds, 0, 0,
                status == AccountingRecord.Status.STOP ? "User-Request" : "");
    }

    @BeforeEach
    void fill() {
        stores = node();
        events = stores.events();
        stats = stores.stats();
        events.append(List.of(
                impression("hue", "A", ImpressionKind.SHOWN, Platform.ANDROID, "vi", D1.atTime(8, 10)),
                impression("hue", "A", ImpressionKind.ACKNOWLEDGED, Platform.ANDROID, "vi", D1.atTime(8, 11)),
                impression("hue", "A", ImpressionKind.STORE_CLICK, Platform.ANDROID, "vi", D1.atTime(8, 12)),
                impression("hue", "B", ImpressionKind.SHOWN, Platform.IOS, "en", D1.atTime(9, 0)),
                impression("hue", "B", ImpressionKind.ACKNOWLEDGED, Platform.IOS, "en", D1.atTime(9, 1)),
                impression("hue", "C", ImpressionKind.SHOWN, Platform.OTHER, "vi", D1.atTime(20, 0)),
                session(AccountingRecord.Status.START, "hue", "s1", D1.atTime(23, 50), 0),
                session(AccountingRecord.Status.STOP, "hue", "s5", D1.atTime(0, 20), 900),
                session(AccountingRecord.Status.STOP, "hue", "s6", D1.atTime(0, 1), 120)));
        events.append(List.of(
                impression("hue", "A", ImpressionKind.RETURNING, Platform.ANDROID, "vi", D1.atTime(21, 0)),
                impression("hue", "A", ImpressionKind.SHOWN, Platform.ANDROID, "vi", D2.atTime(8, 30)),
                impression("hue", "D", ImpressionKind.SHOWN, Platform.ANDROID, "vi", D2.atTime(8, 31)),
                impression("market", "A", ImpressionKind.SHOWN, Platform.ANDROID, "vi", D2.atTime(10, 0)),
                session(AccountingRecord.Status.STOP, "hue", "s1", D2.atTime(0, 20), 1800),
                session(AccountingRecord.Status.STOP, "hue", "s2", D2.atTime(10, 0), 600),
                session(AccountingRecord.Status.START, "hue", "s3", D2.atTime(11, 0), 0),
                session(AccountingRecord.Status.STOP, "market", "s4", D2.atTime(12, 0), 300)));
    }

    private StatsSummary hue(LocalDate from, LocalDate to) {
        return stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE), from, to));
    }

    private static Impression inCampaign(String campaign, String device, ImpressionKind kind, LocalDateTime local) {
        Impression e = impression("hue", device, kind, Platform.ANDROID, "vi", local);
        return new Impression(e.at(), e.localTime(), e.venue(), e.gateway(), e.deviceKey(), e.kind(), e.platform(), e.language(), campaign,
                e.visitNonce());
    }

    @Test
    void campaignsAndTheTwoTextsOfAVariantTestAreComparedWithTheirOwnClickThrough() {
        List<Impression> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(inCampaign("vaccine", "A" + i, ImpressionKind.SHOWN, D3.atTime(9, i)));
            batch.add(inCampaign("vaccine", "A" + i, ImpressionKind.ACKNOWLEDGED, D3.atTime(9, i)));
            batch.add(inCampaign("vaccine-b", "B" + i, ImpressionKind.SHOWN, D3.atTime(10, i)));
            batch.add(inCampaign("vaccine-b", "B" + i, ImpressionKind.ACKNOWLEDGED, D3.atTime(10, i)));
        }
        batch.add(inCampaign("vaccine", "A0", ImpressionKind.STORE_CLICK, D3.atTime(9, 30)));
        batch.add(inCampaign("vaccine-b", "B0", ImpressionKind.STORE_CLICK, D3.atTime(10, 30)));
        batch.add(inCampaign("vaccine-b", "B1", ImpressionKind.STORE_CLICK, D3.atTime(10, 31)));
        batch.add(inCampaign("vaccine-b", "B2", ImpressionKind.STORE_CLICK, D3.atTime(10, 32)));
        events.append(batch);

        StatsSummary s = hue(D1, D3);

        assertThat(s.byCampaign()).containsOnlyKeys("bluezone", "vaccine", "vaccine-b");
        assertThat(s.byCampaign().get("bluezone")).isEqualTo(new ImpressionCounts(5, 2, 1, 1));
        assertThat(s.byCampaign().get("vaccine").storeClickThroughRate()).hasValue(0.25);
        assertThat(s.byCampaign().get("vaccine-b").storeClickThroughRate()).hasValue(0.75);
        assertThat(s.byCampaign().values().stream().reduce(ImpressionCounts.NONE, ImpressionCounts::plus)).isEqualTo(s.totals());
    }

    @Test
    void posterAndSignageScansAreCountedBesideTheWifiKindsButAreNoDevices() {
        events.append(List.of(
                impression("hue", "address-1", ImpressionKind.POSTER_SCAN, Platform.IOS, "en", D3.atTime(7, 5)),
                impression("hue", "address-2", ImpressionKind.POSTER_SCAN, Platform.ANDROID, "vi", D3.atTime(7, 6)),
                impression("hue", "address-2", ImpressionKind.SIGNAGE_SCAN, Platform.ANDROID, "vi", D3.atTime(18, 0))));

        StatsSummary s = hue(D3, D3);

        assertThat(s.totals()).isEqualTo(new ImpressionCounts(0, 0, 0, 0, 2, 1));
        assertThat(s.byHour().get(7)).isEqualTo(new ImpressionCounts(0, 0, 0, 0, 2, 0));
        assertThat(s.byHour().get(18)).isEqualTo(new ImpressionCounts(0, 0, 0, 0, 0, 1));
        assertThat(s.byPlatform()).containsEntry("android", new ImpressionCounts(0, 0, 0, 0, 1, 1));
        assertThat(s.uniqueDevicesByDay()).as("a scan's key is a source address, not a Wi-Fi device").containsEntry(D3, 0L);
        assertThat(events.countByDay("hue", D3, D3)).containsExactlyInAnyOrder(
                new EventStore.DailyCount(D3, ImpressionKind.POSTER_SCAN, 2),
                new EventStore.DailyCount(D3, ImpressionKind.SIGNAGE_SCAN, 1));
    }

    @Test
    void countsImpressionsByDayHourPlatformAndLanguage() {
        StatsSummary s = hue(D1, D3);

        assertThat(s.totals()).isEqualTo(new ImpressionCounts(5, 2, 1, 1));
        assertThat(s.totals().acknowledgementRate()).hasValue(0.4);
        assertThat(s.totals().storeClickThroughRate()).hasValue(0.5);
        assertThat(s.byDay()).containsExactly(
                Map.entry(D1, new ImpressionCounts(3, 2, 1, 1)),
                Map.entry(D2, new ImpressionCounts(2, 0, 0, 0)),
                Map.entry(D3, ImpressionCounts.NONE));
        assertThat(s.byHour()).hasSize(24);
        assertThat(s.byHour().get(8)).isEqualTo(new ImpressionCounts(3, 1, 1, 0));
        assertThat(s.byHour().get(9)).isEqualTo(new ImpressionCounts(1, 1, 0, 0));
        assertThat(s.byHour().get(20)).isEqualTo(new ImpressionCounts(1, 0, 0, 0));
        assertThat(s.byHour().get(21)).isEqualTo(new ImpressionCounts(0, 0, 0, 1));
        assertThat(s.byHour().stream().reduce(ImpressionCounts.NONE, ImpressionCounts::plus)).isEqualTo(s.totals());
        assertThat(s.byPlatform()).containsExactly(
                Map.entry("android", new ImpressionCounts(3, 1, 1, 1)),
                Map.entry("ios", new ImpressionCounts(1, 1, 0, 0)),
                Map.entry("other", new ImpressionCounts(1, 0, 0, 0)));
        assertThat(s.byLanguage()).containsExactly(
                Map.entry("en", new ImpressionCounts(1, 1, 0, 0)),
                Map.entry("vi", new ImpressionCounts(4, 1, 1, 1)));
    }

    @Test
    void aDeviceCountsOncePerVenueAndDayAcrossBatches() {
        assertThat(hue(D1, D3).uniqueDevicesByDay()).containsExactly(Map.entry(D1, 3L), Map.entry(D2, 2L), Map.entry(D3, 0L));

        events.append(List.of(impression("hue", "C", ImpressionKind.SHOWN, Platform.OTHER, "vi", D1.atTime(22, 0)),
                impression("hue", "E", ImpressionKind.SHOWN, Platform.OTHER, "vi", D1.atTime(22, 5)),
                impression("hue", "E", ImpressionKind.SHOWN, Platform.OTHER, "vi", D1.atTime(22, 6))));

        assertThat(hue(D1, D1).uniqueDevicesByDay()).containsExactly(Map.entry(D1, 4L));
        StatsSummary both = stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE, "market", HUE_ZONE), D2, D2));
        assertThat(both.uniqueDevicesByDay()).as("per venue, summed").containsExactly(Map.entry(D2, 3L));
        assertThat(both.totals()).isEqualTo(new ImpressionCounts(3, 0, 0, 0));
    }

    @Test
    void sessionsArePlacedOnTheLocalDayTheyStartedWithTheMedianOfThoseThatEnded() {
        StatsSummary.Sessions s = hue(D1, D3).sessions();

        assertThat(s.byDay()).containsExactly(Map.entry(D1, 2L), Map.entry(D2, 2L), Map.entry(D3, 0L));
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.completed()).isEqualTo(3);
        assertThat(s.medianDwell()).as("900 s of 600, 900, 1800, to the minute: the middle of its minute").hasValue(Duration.ofSeconds(930));

        StatsSummary.Sessions market = stats.summary(new StatsQuery(Map.of("market", HUE_ZONE), D2, D2)).sessions();
        assertThat(market.count()).isEqualTo(1);
        assertThat(market.medianDwell()).hasValue(Duration.ofSeconds(330));
        events.append(List.of(session(AccountingRecord.Status.STOP, "market", "s7", D2.atTime(13, 0), 501)));
        market = stats.summary(new StatsQuery(Map.of("market", HUE_ZONE), D2, D2)).sessions();
        assertThat(market.medianDwell()).as("the mean of the two middle ones, 300 s and 501 s, each to its minute").hasValue(Duration.ofSeconds(420));
        StatsSummary.Sessions both = stats.summary(new StatsQuery(Map.of("hue", HUE_ZONE, "market", HUE_ZONE), D1, D3)).sessions();
        assertThat(both.byDay()).containsExactly(Map.entry(D1, 2L), Map.entry(D2, 4L), Map.entry(D3, 0L));
        assertThat(both.completed()).isEqualTo(5);
        assertThat(both.medianDwell()).as("600 of 300, 501, 600, 900, 1800").hasValue(Duration.ofSeconds(630));
        StatsSummary.Sessions none = hue(D3, D3).sessions();
        assertThat(none.count()).isZero();
        assertThat(none.medianDwell()).isEqualTo(Optional.empty());
    }

    @Test
    void everyNodeReadsTheSameFiguresWhicheverNodeWroteThem() {
        Stores other = node();
        other.events().append(List.of(impression("hue", "F", ImpressionKind.SHOWN, Platform.IOS, "ko", D2.atTime(14, 0)),
                session(AccountingRecord.Status.STOP, "hue", "s8", D2.atTime(14, 5), 60)));
        StatsQuery query = new StatsQuery(Map.of("hue", HUE_ZONE, "market", HUE_ZONE), D1, D3);

        StatsSummary here = stats.summary(query);
        assertThat(other.stats().summary(query)).isEqualTo(here);
        assertThat(here.totals().shown()).isEqualTo(7);
        assertThat(here.byLanguage()).containsKey("ko");
    }

    @Test
    void settledDaysAreReadFromTheSessionRollUpWithTheSameAnswersAndLaterDaysFromTheSessions() {
        StatsSummary.Sessions raw = hue(D1, D3).sessions();
        clock.set(D2.plusDays(SessionRollup.SETTLE_DAYS).atTime(12, 0).atZone(HUE_ZONE).toInstant());
        SessionRollup rollup = stores.sessionRollup(() -> Map.of("hue", HUE_ZONE, "market", HUE_ZONE));

        assertThat(rollup.rollUp()).as("hue from its first session's day (s6, the day before D1) to D2; market D2").isEqualTo(4);
        assertThat(rollup.rollUp()).as("each day once").isZero();
        assertThat(hue(D1, D3).sessions()).isEqualTo(raw);

        events.append(List.of(session(AccountingRecord.Status.STOP, "hue", "s8", D3.atTime(18, 0), 3600)));
        StatsSummary.Sessions withD3 = hue(D1, D3).sessions();
        assertThat(withD3.byDay()).as("D3 is not settled: read from the sessions").containsEntry(D3, 1L);
        assertThat(withD3.completed()).isEqualTo(4);
        assertThat(withD3.medianDwell()).as("the mean of 900 s and 1800 s, each to its minute").hasValue(Duration.ofSeconds(1380));

        clock.advance(Duration.ofDays(1));
        assertThat(rollup.rollUp()).isEqualTo(2);
        assertThat(hue(D1, D3).sessions()).isEqualTo(withD3);
        assertThat(hue(D3, D3).sessions().count()).isEqualTo(1);
    }

    @Test
    void aPeriodWithoutDataIsAllZerosWithoutRates() {
        StatsSummary s = hue(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2));
        assertThat(s.totals()).isEqualTo(ImpressionCounts.NONE);
        assertThat(s.totals().acknowledgementRate()).isEmpty();
        assertThat(s.byDay()).hasSize(2);
        assertThat(s.byPlatform()).isEmpty();
    }
}
