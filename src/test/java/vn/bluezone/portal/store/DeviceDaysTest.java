package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.bluezone.portal.store.DeviceDays.DeviceDay;

class DeviceDaysTest {
    private final DeviceDays deviceDays = new DeviceDays();

    @Test
    void aBatchWritesEachDeviceDayOnceInKeyOrder() {
        deviceDays.beginBatch();
        deviceDays.seen("market", "2026-11-29", "phone-b");
        deviceDays.seen("bus-station", "2026-11-29", "phone-a");
        deviceDays.seen("market", "2026-11-29", "phone-b");
        deviceDays.seen("market", "2026-11-28", "phone-b");

        assertThat(deviceDays.toWrite()).containsExactly(
                new DeviceDay("bus-station", "2026-11-29", "phone-a"),
                new DeviceDay("market", "2026-11-28", "phone-b"),
                new DeviceDay("market", "2026-11-29", "phone-b"));
    }

    @Test
    void aDeviceDayStoredByACommittedBatchIsNotWrittenAgain() {
        deviceDays.beginBatch();
        deviceDays.seen("market", "2026-11-29", "phone-a");
        deviceDays.committed();

        deviceDays.beginBatch();
        deviceDays.seen("market", "2026-11-29", "phone-a");
        deviceDays.seen("market", "2026-11-30", "phone-a");

        assertThat(deviceDays.toWrite()).containsExactly(new DeviceDay("market", "2026-11-30", "phone-a"));
    }

    @Test
    void aBatchThatDidNotCommitLeavesItsDeviceDaysToBeWrittenAgain() {
        deviceDays.beginBatch();
        deviceDays.seen("market", "2026-11-29", "phone-a");
        // the transaction failed: no committed()

        deviceDays.beginBatch();
        assertThat(deviceDays.toWrite()).as("a new batch starts empty").isEmpty();
        deviceDays.seen("market", "2026-11-29", "phone-a");

        assertThat(deviceDays.toWrite()).containsExactly(new DeviceDay("market", "2026-11-29", "phone-a"));
    }

    @Test
    void itRemembersABoundedNumberOfDeviceDaysForgettingTheOldestFirst() {
        DeviceDays small = new DeviceDays(2);
        small.beginBatch();
        small.seen("market", "2026-11-29", "phone-a");
        small.committed();
        small.beginBatch();
        small.seen("market", "2026-11-29", "phone-b");
        small.committed();
        small.beginBatch();
        small.seen("market", "2026-11-29", "phone-c");
        small.committed();

        small.beginBatch();
        small.seen("market", "2026-11-29", "phone-a");
        small.seen("market", "2026-11-29", "phone-b");
        small.seen("market", "2026-11-29", "phone-c");

        assertThat(small.toWrite()).as("the database ignores it again, as it would without this")
                .containsExactly(new DeviceDay("market", "2026-11-29", "phone-a"));
    }
}
