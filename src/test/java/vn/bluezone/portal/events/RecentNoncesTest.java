package vn.bluezone.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.testing.TestClock;

class RecentNoncesTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final RecentNonces nonces = new RecentNonces(clock, Duration.ofMinutes(30), 1000);

    @Test
    void aNonceIsUsedOnceUntilItIsForgottenOrOutlivesItsVisit() {
        assertThat(nonces.firstUse("ack:n1")).isTrue();
        assertThat(nonces.firstUse("ack:n1")).isFalse();
        nonces.forget("ack:n1");
        assertThat(nonces.firstUse("ack:n1")).as("its event was not kept, so it may come again").isTrue();
        clock.advance(Duration.ofMinutes(31));
        assertThat(nonces.firstUse("ack:n1")).as("a visit this old is refused as expired before it gets here").isTrue();
    }

    @Test
    void onlyAcknowledgementsAndGrantRedemptionsCarryANonce_eachInItsOwnNamespace() {
        Instant at = clock.instant();
        LocalDateTime local = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        assertThat(RecentNonces.of(new Impression(at, local, "v", "g", "d", ImpressionKind.ACKNOWLEDGED, Platform.IOS, "vi", "c", "x")))
                .isEqualTo("ack:x");
        assertThat(RecentNonces.of(new GrantRedemption(at, "x", "v", "nas", "d"))).isEqualTo("grant:x");
        assertThat(RecentNonces.of(new Impression(at, local, "v", "g", "d", ImpressionKind.SHOWN, Platform.IOS, "vi", "c", null))).isNull();
    }
}
