package vn.bluezone.portal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.testing.TestClock;

/** When a device passes without the notice, and what this node still knows about it while the store is down. */
class ReturningDevicesTest {
    private static final Duration REMIND_EVERY = Duration.ofHours(24);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));

    /** Acknowledgements as the store holds them; while {@code down}, every lookup fails as the store's would. */
    private static final class Store implements DeviceStore {
        final Map<String, Instant> acknowledged = new HashMap<>();
        boolean down;
        int lookups;

        @Override
        public Optional<Instant> lastAcknowledged(String deviceKey) {
            lookups++;
            if (down) {
                throw new StoreUnavailableException("the database does not answer", null);
            }
            return Optional.ofNullable(acknowledged.get(deviceKey));
        }
    }

    private final Store store = new Store();
    private final ReturningDevices devices = new ReturningDevices(store, clock);

    @Test
    void aDeviceAcknowledgedElsewhereIsFoundWithinASecond() {
        assertThat(devices.noticeDueAt("d1", REMIND_EVERY)).as("never acknowledged").isEmpty();
        store.acknowledged.put("d1", clock.instant());
        clock.advance(Duration.ofSeconds(2));

        assertThat(devices.noticeDueAt("d1", REMIND_EVERY)).contains(Instant.parse("2026-11-30T03:00:00Z"));
    }

    @Test
    void aDeviceThatAcknowledgedOnThisNodePassesWhileTheStoreIsDown_alsoWhenItWasLookedUpAsNewJustBefore() {
        assertThat(devices.noticeDueAt("d1", REMIND_EVERY)).as("its arrival: never acknowledged").isEmpty();
        devices.acknowledged("d1", clock.instant());
        store.down = true;
        clock.advance(Duration.ofMinutes(5));

        assertThat(devices.noticeDueAt("d1", REMIND_EVERY)).as("its MAC authentication minutes later")
                .contains(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(store.lookups).isEqualTo(1);
    }

    @Test
    void aDeviceThisNodeKnowsNothingAboutIsLookedUp_andTheStoresFailureIsTheCallersToHandle() {
        store.down = true;

        assertThatThrownBy(() -> devices.noticeDueAt("d2", REMIND_EVERY)).isInstanceOf(StoreUnavailableException.class);
    }
}
