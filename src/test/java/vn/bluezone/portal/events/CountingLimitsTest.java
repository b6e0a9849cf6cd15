package vn.bluezone.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.config.CountingSettings;

class CountingLimitsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final CountingLimits limits = new CountingLimits(new CountingSettings(3, Duration.ofHours(1), 5, Duration.ofMinutes(10)), nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void aDeviceIsCountedUpToItsLimitWithinItsWindowThenFlaggedUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.count("phone", "10.0.0." + i)).isEqualTo(ImpressionFlag.NONE);
        }
        assertThat(limits.count("phone", "10.0.0.9")).isEqualTo(ImpressionFlag.DEVICE_LIMIT);
        advance(Duration.ofMinutes(59));
        assertThat(limits.count("phone", "10.0.1.1")).as("still in the hour that began with its first event").isEqualTo(ImpressionFlag.DEVICE_LIMIT);
        advance(Duration.ofMinutes(2));
        assertThat(limits.count("phone", "10.0.1.2")).as("a new window").isEqualTo(ImpressionFlag.NONE);
    }

    @Test
    void anAddressIsCountedUpToItsLimitWhateverDevicesItClaims() {
        for (int i = 0; i < 5; i++) {
            assertThat(limits.count("made-up-" + i, "198.51.100.7")).isEqualTo(ImpressionFlag.NONE);
        }
        assertThat(limits.count("made-up-5", "198.51.100.7")).isEqualTo(ImpressionFlag.ADDRESS_LIMIT);
        assertThat(limits.count("made-up-6", "198.51.100.8")).as("another address has its own count").isEqualTo(ImpressionFlag.NONE);
        advance(Duration.ofMinutes(11));
        assertThat(limits.count("made-up-7", "198.51.100.7")).isEqualTo(ImpressionFlag.NONE);
    }

    @Test
    void zeroMeansNoLimit() {
        CountingLimits none = new CountingLimits(CountingSettings.UNLIMITED, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(none.count("phone", "127.0.0.1")).isEqualTo(ImpressionFlag.NONE);
        }
    }

    @Test
    void aFloodOfMadeUpDevicesKeepsTheMemoryBounded() {
        for (int i = 0; i < 3 * CountingLimits.MAX_KEYS; i++) {
            limits.count("flood-" + i, "203.0.113." + (i % 200));
        }
        // Caffeine evicts beyond its maximum size; the limit still applies to every address of the flood
        assertThat(limits.count("flood-x", "203.0.113.1")).isEqualTo(ImpressionFlag.ADDRESS_LIMIT);
    }
}
