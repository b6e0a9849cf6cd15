package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.BatchId;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.EventStore.DailyCount;
import vn.bluezone.portal.events.GrantRedemption;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;

/** {@link EventStore}: what a batch stores, what it refuses as a replay (on any node), and the counts read back. */
public abstract class EventStoreContract extends StoreContract {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 29);
    private static final LocalDateTime MORNING = DAY.atTime(10, 0);

    private static Impression event(ImpressionKind kind, String nonce, Platform platform) {
        return new Impression(MORNING.atZone(HUE_ZONE).toInstant(), MORNING, "hue", "gw", "device", kind, platform, "vi", "bluezone", nonce);
    }

    @Test
    void aMixedBatchStoresEveryRowOnceAndRefusesOnlyTheReplayedAcknowledgement() throws Exception {
        Stores stores = node();
        List<Impression> batch = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            batch.add(event(i % 3 == 0 ? ImpressionKind.STORE_CLICK : ImpressionKind.SHOWN, null, i % 2 == 0 ? Platform.IOS : Platform.ANDROID));
        }
        batch.add(10, event(ImpressionKind.ACKNOWLEDGED, "n1", Platform.IOS));
        batch.add(20, event(ImpressionKind.ACKNOWLEDGED, "n2", Platform.IOS));
        batch.add(30, event(ImpressionKind.ACKNOWLEDGED, "n1", Platform.IOS));

        boolean[] stored = stores.events().append(batch);

        for (int i = 0; i < batch.size(); i++) {
            assertThat(stored[i]).as("row %d", i).isEqualTo(i != 30);
        }
        assertThat(stores.events().countByDay("hue", DAY, DAY)).containsExactly(
                new DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 2),
                new DailyCount(DAY, ImpressionKind.SHOWN, 30),
                new DailyCount(DAY, ImpressionKind.STORE_CLICK, 15));
        assertThat(count(stores, "SELECT COUNT(*) FROM impression")).as("raw rows agree with the roll-up").isEqualTo(47);
        assertThat(count(stores, "SELECT COUNT(*) FROM impression WHERE platform = 'ios'")).isEqualTo(23 + 2);
    }

    @Test
    void anAcknowledgementIsStoredOnceAcrossBatchesAndNodes() {
        EventStore a = node().events();
        EventStore b = node().events();
        Impression acknowledged = event(ImpressionKind.ACKNOWLEDGED, "visit-1", Platform.ANDROID);

        assertThat(a.append(List.of(acknowledged))).containsExactly(true);
        assertThat(a.append(List.of(acknowledged))).as("replayed on the same node").containsExactly(false);
        assertThat(b.append(List.of(event(ImpressionKind.SHOWN, null, Platform.ANDROID), acknowledged)))
                .as("replayed on another node").containsExactly(true, false);
        assertThat(b.countByDay("hue", DAY, DAY)).containsExactly(
                new DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 1), new DailyCount(DAY, ImpressionKind.SHOWN, 1));
    }

    @Test
    void aGrantTokenIsRedeemedOnceAcrossBatchesAndNodes() {
        EventStore a = node().events();
        EventStore b = node().events();
        GrantRedemption first = new GrantRedemption(T0, "token-1", "hue", "nas-1", "device");
        GrantRedemption other = new GrantRedemption(T0, "token-2", "hue", "nas-1", "device");

        assertThat(a.append(List.of(first, other, first))).containsExactly(true, true, false);
        assertThat(b.append(List.of(new GrantRedemption(T0.plusSeconds(5), "token-1", "hue", "nas-2", "device"))))
                .as("the same token at another node's RADIUS server").containsExactly(false);
    }

    @Test
    void countsAreReadPerVenueAndLocalDayInOrder() {
        EventStore events = node().events();
        List<Event> batch = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i <= day; i++) {
                batch.add(impression("hue", "d" + i, ImpressionKind.SHOWN, Platform.IOS, "vi", DAY.plusDays(day).atTime(23, 30)));
            }
            batch.add(impression("hue", "d", ImpressionKind.RETURNING, Platform.IOS, "vi", DAY.plusDays(day).atTime(0, 10)));
            batch.add(impression("market", "d", ImpressionKind.SHOWN, Platform.IOS, "vi", DAY.plusDays(day).atTime(12, 0)));
        }
        events.append(batch);

        assertThat(events.countByDay("hue", DAY.plusDays(1), DAY.plusDays(5))).containsExactly(
                new DailyCount(DAY.plusDays(1), ImpressionKind.RETURNING, 1),
                new DailyCount(DAY.plusDays(1), ImpressionKind.SHOWN, 2),
                new DailyCount(DAY.plusDays(2), ImpressionKind.RETURNING, 1),
                new DailyCount(DAY.plusDays(2), ImpressionKind.SHOWN, 3));
        assertThat(events.countByDay("nowhere", DAY, DAY.plusDays(5))).isEmpty();
    }

    @Test
    void aLargeBatchOfManyDevicesAndVenuesIsOneCommit() throws Exception {
        Stores stores = node();
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ImpressionKind kind = i % 4 == 0 ? ImpressionKind.ACKNOWLEDGED : ImpressionKind.SHOWN;
            batch.add(impression("venue-" + i % 40, "device-" + i % 900, kind, Platform.values()[i % 3], i % 5 == 0 ? "en" : "vi",
                    MORNING.plusMinutes(i % 600)));
        }
        boolean[] stored = stores.events().append(batch);

        assertThat(stored).doesNotContain(false);
        assertThat(count(stores, "SELECT COUNT(*) FROM impression")).isEqualTo(3000);
        assertThat(count(stores, "SELECT SUM(count) FROM impression_daily")).isEqualTo(3000);
        assertThat(count(stores, "SELECT COUNT(*) FROM device_day")).as("900 devices, each at the venues of its visits")
                .isEqualTo(count(stores, "SELECT COUNT(*) FROM (SELECT DISTINCT venue, local_day, device_key FROM impression) d"));
        assertThat(count(stores, "SELECT COUNT(*) FROM device_acknowledgement")).isEqualTo(225);
    }

    @Test
    void aDeviceSeenAgainInLaterBatchesAndOnAnotherNodeIsOneDeviceThatDay() throws Exception {
        Stores stores = node();
        EventStore a = stores.events();
        EventStore b = node().events();
        Impression shown = impression("hue", "phone-1", ImpressionKind.SHOWN, Platform.ANDROID, "vi", MORNING);
        Impression returning = impression("hue", "phone-1", ImpressionKind.RETURNING, Platform.ANDROID, "vi", MORNING.plusHours(3));
        Impression nextDay = impression("hue", "phone-1", ImpressionKind.RETURNING, Platform.ANDROID, "vi", MORNING.plusDays(1));

        a.append(List.of(shown));
        a.append(List.of(returning));
        b.append(List.of(returning));
        a.append(List.of(nextDay));

        assertThat(count(stores, "SELECT COUNT(*) FROM device_day")).as("29 and 30 November").isEqualTo(2);
        assertThat(count(stores, "SELECT SUM(devices) FROM device_day_count")).isEqualTo(2);
        assertThat(count(stores, "SELECT SUM(count) FROM impression_daily")).isEqualTo(4);
        assertThat(count(stores, "SELECT SUM(count) FROM impression_hour_kind")).isEqualTo(4);
    }

    @Test
    void textIsStoredExactlyWhateverCharactersItHolds() throws Exception {
        Stores stores = node();
        String campaign = "tab\there, back\\slash, new\nline, cr\r, Tiếng Việt, \\N";
        stores.events().append(List.of(new Impression(MORNING.atZone(HUE_ZONE).toInstant(), MORNING, "hue", "gw\t1", "device", ImpressionKind.SHOWN,
                Platform.OTHER, "vi", campaign, null)));

        try (var c = stores.database().connect();
                var rs = c.createStatement().executeQuery("SELECT campaign, gateway, visit_nonce IS NULL FROM impression")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(campaign);
            assertThat(rs.getString(2)).isEqualTo("gw\t1");
            assertThat(rs.getBoolean(3)).as("no visit nonce is NULL, not the text \\N").isTrue();
        }
    }

    @Test
    void twoNodesAddingToTheSameRollUpRowsAtOnceLoseNothingAndFailNoBatch() throws Exception {
        EventStore a = node().events();
        EventStore b = node().events();
        int batches = 20;
        int perBatch = 300;
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> writing = new ArrayList<>();
        for (EventStore node : List.of(a, b)) {
            boolean reversed = node == b;
            writing.add(nodes.submit(() -> {
                for (int n = 0; n < batches; n++) {
                    List<Event> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        int k = reversed ? perBatch - 1 - i : i;
                        batch.add(impression("venue-" + k % 12, "device-" + k % 50, ImpressionKind.values()[k % 4 == 1 ? 0 : k % 4],
                                Platform.values()[k % 3], "vi", MORNING.plusHours(k % 5)));
                    }
                    node.append(batch);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : writing) {
            f.get();
        }
        nodes.shutdown();

        Stores stores = node();
        assertThat(count(stores, "SELECT SUM(count) FROM impression_daily")).isEqualTo(2L * batches * perBatch);
        assertThat(count(stores, "SELECT COUNT(*) FROM impression")).isEqualTo(2L * batches * perBatch);
        assertThat(count(stores, "SELECT COUNT(*) FROM device_day"))
                .isEqualTo(count(stores, "SELECT COUNT(*) FROM (SELECT DISTINCT venue, local_day, device_key FROM impression) d"));
    }

    @Test
    void aSpooledBatchIsAppliedOnce_neverAgainNorBehindALaterOneOfItsSpool_onAnyNode() {
        EventStore store = node().events();
        EventStore other = node().events();
        UUID spool = UUID.randomUUID();
        List<Impression> batch = List.of(event(ImpressionKind.SHOWN, null, Platform.IOS), event(ImpressionKind.ACKNOWLEDGED, "n1", Platform.IOS));

        assertThat(store.appendOnce(new BatchId(spool, 1), batch)).hasValueSatisfying(stored -> assertThat(stored).containsExactly(true, true));
        assertThat(store.appendOnce(new BatchId(spool, 1), batch)).as("the same batch again, after a crash").isEmpty();
        assertThat(store.appendOnce(new BatchId(spool, 3), List.of(event(ImpressionKind.SHOWN, null, Platform.IOS)))).isPresent();
        assertThat(other.appendOnce(new BatchId(spool, 2), batch)).as("behind a later batch of the same spool").isEmpty();
        assertThat(store.appendOnce(new BatchId(UUID.randomUUID(), 1), batch))
                .as("another spool file's first batch; its acknowledgement is a replay of one stored")
                .hasValueSatisfying(stored -> assertThat(stored).containsExactly(true, false));

        assertThat(store.countByDay("hue", DAY, DAY)).containsExactly(
                new DailyCount(DAY, ImpressionKind.ACKNOWLEDGED, 1),
                new DailyCount(DAY, ImpressionKind.SHOWN, 3));
    }

    @Test
    void isReachableWhileTheDatabaseIsOpen() {
        assertThat(node().events().isReachable()).isTrue();
    }
}
