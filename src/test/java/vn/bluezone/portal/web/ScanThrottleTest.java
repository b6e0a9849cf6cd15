package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.testing.TestClock;

class ScanThrottleTest {
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)";
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-A546E)";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final ScanThrottle throttle = new ScanThrottle(clock, Duration.ofMinutes(10), 3, Duration.ofMinutes(10));

    @Test
    void aPhoneScanningTheSameCodeAgainCountsOnceUntilTheWindowHasPassed() {
        assertThat(throttle.counts("203.0.113.7", IPHONE, "hue", "poster_scan")).isTrue();
        assertThat(throttle.counts("203.0.113.7", IPHONE, "hue", "poster_scan")).isFalse();
        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.counts("203.0.113.7", IPHONE, "hue", "poster_scan")).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.counts("203.0.113.7", IPHONE, "hue", "poster_scan")).isTrue();
    }

    @Test
    void anotherPhoneBehindTheSameAddressAnotherVenueOrTheScreenCountsOnItsOwn() {
        assertThat(throttle.counts("203.0.113.7", IPHONE, "hue", "poster_scan")).isTrue();
        assertThat(throttle.counts("203.0.113.7", ANDROID, "hue", "poster_scan")).isTrue();
        assertThat(throttle.counts("203.0.113.7", IPHONE, "hue", "signage_scan")).isTrue();
        assertThat(throttle.counts("203.0.113.8", IPHONE, "hue", "poster_scan")).isTrue();
    }

    @Test
    void oneAddressCountsAtMostItsLimitWithinItsWindowWhateverItSends() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.counts("198.51.100.1", "scanner " + i, "hue", "poster_scan")).as("scan %d", i).isTrue();
        }
        assertThat(throttle.counts("198.51.100.1", "scanner 3", "hue", "poster_scan")).isFalse();
        assertThat(throttle.counts("198.51.100.1", "scanner 4", "market", "signage_scan")).isFalse();
        assertThat(throttle.counts("198.51.100.2", "scanner 5", "hue", "poster_scan")).as("other addresses are not held back").isTrue();
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(throttle.counts("198.51.100.1", "scanner 6", "hue", "poster_scan")).as("a new window").isTrue();
    }
}
