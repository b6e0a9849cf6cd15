package vn.bluezone.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.testing.TestClock;

class VisitSealerTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final byte[] key = new byte[32];
    private final VisitSealer sealer = new VisitSealer(key, clock);
    private final VisitIssuer issuer = new VisitIssuer(new DeviceKeys(new byte[32]), clock, Duration.ofMinutes(30));

    private Visit visit() {
        return issuer.issue("gw", "hue-station", "02:00:0a:e7:01:0a", "10.0.0.2", "http://example.org/",
                Map.of("address", "10.0.0.1:2050", "tok", "abc"));
    }

    @Test
    void aSealedVisitOpensToTheSameVisit() {
        Visit visit = visit();
        String token = sealer.seal(visit);
        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(600);
        assertThat(sealer.open(token).visit()).isEqualTo(visit);
    }

    @Test
    void theTokenHidesTheDeviceAndGrantData() {
        String token = sealer.seal(visit());
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("hue-station").doesNotContain("10.0.0.1").doesNotContain("10.0.0.2");
    }

    @Test
    void theVisitCarriesTheClientAddressAndAVisitFromBeforeItStillOpens() throws Exception {
        assertThat(sealer.open(sealer.seal(visit())).visit().clientAddress()).isEqualTo("10.0.0.2");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream v1 = new DataOutputStream(bytes)) {
            v1.writeByte(1);
            for (String text : new String[] {"nonce", "gw", "hue-station", "device-key", "http://example.org/"}) {
                v1.writeUTF(text);
            }
            v1.writeByte(0);
            v1.writeLong(clock.instant().toEpochMilli());
            v1.writeLong(clock.instant().plusSeconds(60).toEpochMilli());
        }
        Visit old = VisitCodec.decode(bytes.toByteArray());
        assertThat(old.clientAddress()).isEmpty();
        assertThat(old.originUrl()).isEqualTo("http://example.org/");
    }

    @Test
    void everyChangedCharacterMakesItInvalid() {
        String token = sealer.seal(visit());
        for (int i = 0; i < token.length(); i += 7) {
            char c = token.charAt(i);
            String forged = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(sealer.open(forged).problem()).as("changed at %d", i).isEqualTo(VisitSealer.Problem.INVALID);
        }
        assertThat(sealer.open(token.substring(0, token.length() - 4)).problem()).isEqualTo(VisitSealer.Problem.INVALID);
    }

    @Test
    void anotherPortalsTokenIsInvalid() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String foreign = new VisitSealer(otherKey, clock).seal(visit());
        assertThat(sealer.open(foreign).problem()).isEqualTo(VisitSealer.Problem.INVALID);
    }

    @Test
    void garbageIsInvalid() {
        assertThat(sealer.open(null).ok()).isFalse();
        assertThat(sealer.open("").problem()).isEqualTo(VisitSealer.Problem.INVALID);
        assertThat(sealer.open("!!!").problem()).isEqualTo(VisitSealer.Problem.INVALID);
        assertThat(sealer.open("A".repeat(5000)).problem()).isEqualTo(VisitSealer.Problem.INVALID);
    }

    @Test
    void aVisitExpiresAfterItsLifetime() {
        String token = sealer.seal(visit());
        clock.advance(Duration.ofMinutes(29));
        assertThat(sealer.open(token).ok()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sealer.open(token).problem()).isEqualTo(VisitSealer.Problem.EXPIRED);
    }
}
