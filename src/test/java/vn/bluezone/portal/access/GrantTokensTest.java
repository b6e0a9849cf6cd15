package vn.bluezone.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.testing.TestClock;

class GrantTokensTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final GrantTokens tokens = new GrantTokens(key("sign"), key("password"), clock, Duration.ofMinutes(10));

    private static byte[] key(String name) {
        return (name + "-0123456789abcdef0123456789abcdef").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aFreshTokenChecksOutForItsDeviceAndVenueAndCarriesTheLanguage() {
        GrantToken token = tokens.issue("device-1", "hue", "ko");
        assertThat(token.userName()).startsWith("bz1.").hasSize(60);
        assertThat(token.password()).hasSize(22).isEqualTo(tokens.passwordFor(token.userName()));

        GrantTokens.Checked checked = tokens.check(token.userName(), "hue", "device-1");
        assertThat(checked.ok()).isTrue();
        assertThat(checked.token().nonce()).isEqualTo(token.nonce());
        assertThat(checked.language()).isEqualTo("ko");
    }

    @Test
    void everyTokenHasItsOwnNonce() {
        assertThat(tokens.issue("device-1", "hue", "vi").nonce()).isNotEqualTo(tokens.issue("device-1", "hue", "vi").nonce());
    }

    @Test
    void anotherDeviceAnotherVenueAnExpiredOrATamperedTokenIsRefused() {
        GrantToken token = tokens.issue("device-1", "hue", "en");
        assertThat(tokens.check(token.userName(), "hue", "device-2").problem()).isEqualTo(GrantTokens.Problem.WRONG_DEVICE);
        assertThat(tokens.check(token.userName(), "hoi-an", "device-1").problem()).isEqualTo(GrantTokens.Problem.WRONG_VENUE);
        assertThat(tokens.check(token.userName(), "hue", null).problem()).isEqualTo(GrantTokens.Problem.WRONG_DEVICE);

        char[] chars = token.userName().toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThat(tokens.check(new String(chars), "hue", "device-1").problem()).isEqualTo(GrantTokens.Problem.INVALID);
        assertThat(tokens.check("bz1.short", "hue", "device-1").problem()).isEqualTo(GrantTokens.Problem.INVALID);
        assertThat(tokens.check(token.userName() + "x", "hue", "device-1").problem()).isEqualTo(GrantTokens.Problem.INVALID);

        clock.advance(Duration.ofMinutes(10));
        GrantTokens.Checked expired = tokens.check(token.userName(), "hue", "device-1");
        assertThat(expired.problem()).isEqualTo(GrantTokens.Problem.EXPIRED);
        assertThat(expired.language()).as("known once the signature holds").isEqualTo("en");
    }

    @Test
    void aTokenSignedWithAnotherPortalsKeyIsInvalid() {
        GrantTokens other = new GrantTokens(key("other"), key("password"), clock, Duration.ofMinutes(10));
        assertThat(tokens.check(other.issue("device-1", "hue", "vi").userName(), "hue", "device-1").problem())
                .isEqualTo(GrantTokens.Problem.INVALID);
    }
}
