package vn.bluezone.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.testing.LogLines;
import vn.bluezone.portal.testing.TestClock;

class RepeatedWarningTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final RepeatedWarning warning = new RepeatedWarning(LoggerFactory.getLogger(RepeatedWarningTest.class), Duration.ofMinutes(1), clock);

    @Test
    void theFirstWarningIsLoggedAtOnce() {
        try (LogLines lines = LogLines.of(RepeatedWarningTest.class)) {
            warning.warn("store down: {}", "connection refused");

            assertThat(lines.all()).containsExactly("WARN store down: connection refused");
        }
    }

    @Test
    void repeatsWithinTheQuietPeriodAreHeldBackAndCountedInTheNextLine() {
        try (LogLines lines = LogLines.of(RepeatedWarningTest.class)) {
            warning.warn("store down: {}", "first");
            for (int i = 0; i < 500; i++) {
                clock.advance(Duration.ofMillis(100));
                warning.warn("store down: {}", "again");
            }
            assertThat(lines.all()).as("50 s of repeats: nothing more yet").hasSize(1);

            clock.advance(Duration.ofSeconds(10));
            warning.warn("store down: {}", "still");

            assertThat(lines.all()).containsExactly("WARN store down: first",
                    "WARN store down: still (500 more like this since the last such line, not logged)");
        }
    }

    @Test
    void aWarningAfterAQuietPeriodWithoutRepeatsSaysNothingMore() {
        try (LogLines lines = LogLines.of(RepeatedWarningTest.class)) {
            warning.warn("store down");
            clock.advance(Duration.ofHours(2));
            warning.warn("store down");

            assertThat(lines.all()).containsExactly("WARN store down", "WARN store down");
        }
    }

    @Test
    void aQuietPeriodMustBePositive() {
        assertThatThrownBy(() -> new RepeatedWarning(LoggerFactory.getLogger(RepeatedWarningTest.class), Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
