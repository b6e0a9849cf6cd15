package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.testing.TestClock;

class LoginThrottleTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);

    @Test
    void fiveFailuresRefuseThatNameFromThatAddressUntilTheWindowEnds() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "192.0.2.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.refusedUntil("alice", "192.0.2.1")).isEmpty();
        throttle.failed("alice", "192.0.2.1");
        assertThat(throttle.refusedUntil("alice", "192.0.2.1")).contains(Instant.parse("2026-11-29T03:15:00Z"));
        assertThat(throttle.refusedUntil("ALICE", "192.0.2.1")).as("user names are compared in lower case").isPresent();
        assertThat(throttle.refusedUntil("alice", "192.0.2.2")).as("another address").isEmpty();
        assertThat(throttle.refusedUntil("bob", "192.0.2.1")).as("another user").isEmpty();

        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.refusedUntil("alice", "192.0.2.1")).as("15 minutes after the first failure").isEmpty();
        throttle.failed("alice", "192.0.2.1");
        assertThat(throttle.refusedUntil("alice", "192.0.2.1")).as("a new window").isEmpty();
    }

    @Test
    void successClearsTheCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "192.0.2.1");
        }
        throttle.succeeded("alice", "192.0.2.1");
        throttle.failed("alice", "192.0.2.1");
        assertThat(throttle.refusedUntil("alice", "192.0.2.1")).isEmpty();
    }

    @Test
    void oneAddressTryingManyUserNamesIsRefusedForEveryName() {
        for (int i = 0; i < 5 * LoginThrottle.ADDRESS_FACTOR - 1; i++) {
            throttle.failed("user" + i, "192.0.2.9");
        }
        assertThat(throttle.refusedUntil("someone-else", "192.0.2.9")).isEmpty();
        throttle.failed("user-last", "192.0.2.9");
        assertThat(throttle.refusedUntil("someone-else", "192.0.2.9")).contains(Instant.parse("2026-11-29T03:15:00Z"));
        throttle.succeeded("user0", "192.0.2.9");
        assertThat(throttle.refusedUntil("someone-else", "192.0.2.9")).as("one success does not clear an address's count").isPresent();
        assertThat(throttle.refusedUntil("someone-else", "192.0.2.10")).as("another address").isEmpty();
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.refusedUntil("someone-else", "192.0.2.9")).isEmpty();
    }
}
