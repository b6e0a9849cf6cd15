package vn.bluezone.portal.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.radius.RadiusCounters.Counter;

/**
 * Random and mutated packets (seeded, so a failure can be replayed): the decoder only ever returns a
 * request or reports a malformed packet, in bounded time, and the server keeps answering valid requests.
 */
class RadiusFuzzTest extends RadiusServerFixture {
    private static final long SEED = 20261129L;
    private static final int CASES = 20_000;

    private List<byte[]> validPackets() {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "vi");
        List<byte[]> valid = new ArrayList<>();
        valid.add(nas.accessRequest(1, TestNas.attributes().text(1, token.userName()).text(31, NAS_MAC_FORM)
                .add(26, new byte[] {0, 0, 0x37, 0x2a, 1, 6, 'x', 'y', 'z', 'w'}), token.password(), true));
        valid.add(nas.accessRequest(2, TestNas.attributes().text(1, NAS_MAC_FORM).add(3, new byte[17]).add(60, new byte[16]), null, true));
        valid.add(nas.accountingRequest(3, TestNas.attributes().integer(40, 3).text(44, "s").integer(42, 5).integer(52, 1)
                .integer(49, 1).add(4, new byte[] {10, 0, 0, 1})));
        return valid;
    }

    /** One case: a valid packet with a few bytes changed, cut short, stretched, or pure noise. */
    private static byte[] mutate(Random random, byte[] valid) {
        byte[] p;
        switch (random.nextInt(5)) {
            case 0 -> {
                p = new byte[random.nextInt(300)];
                random.nextBytes(p);
            }
            case 1 -> p = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 2 -> {
                p = Arrays.copyOf(valid, valid.length + random.nextInt(64));
                for (int i = valid.length; i < p.length; i++) {
                    p[i] = (byte) random.nextInt(256);
                }
                int length = Math.min(p.length, 20 + random.nextInt(p.length));
                p[2] = (byte) (length >> 8);
                p[3] = (byte) length;
            }
            default -> {
                p = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    int at = random.nextInt(p.length);
                    p[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (p[at] ^ (1 << random.nextInt(8)));
                }
            }
        }
        return p;
    }

    @Test
    void theDecoderOnlyEverDecodesOrReportsAMalformedPacket() {
        RadiusCodec codec = new RadiusCodec();
        List<byte[]> valid = validPackets();
        Random random = new Random(SEED);
        int[] decoded = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] p = mutate(random, valid.get(random.nextInt(valid.size())));
                byte[] buffer = Arrays.copyOf(p, PacketShape.MAX_LENGTH + 1);
                int length = PacketShape.check(buffer, p.length);
                if (length < 0) {
                    continue;
                }
                try {
                    codec.decode(buffer, length, SECRET);
                    decoded[0]++;
                } catch (RadiusCodec.MalformedPacketException expected) {
                    // reported, not thrown at the listener
                }
            }
        });
        assertThat(decoded[0]).as("mutations that stay well-formed are decoded").isPositive();
    }

    @Test
    void theServerSurvivesAFloodOfBrokenPacketsAndStillAnswers() throws Exception {
        List<byte[]> valid = validPackets();
        Random random = new Random(SEED + 1);
        nas.timeout(1);
        for (int i = 0; i < 5000; i++) {
            byte[] p = mutate(random, valid.get(random.nextInt(valid.size())));
            nas.send(p, random.nextBoolean() ? server.authPort() : server.acctPort());
            if (i % 100 == 0) {
                while (nas.receive().isPresent()) {
                    // drain replies to the mutations that were still valid
                }
            }
        }
        nas.timeout(300);
        while (nas.receive().isPresent()) {
            // drain
        }
        nas.timeout(2000);
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "vi");
        byte[] request = nas.accessRequest(9, TestNas.attributes().text(1, token.userName()).text(31, NAS_MAC_FORM), token.password(), true);
        byte[] reply = nas.exchange(request, server.authPort()).orElseThrow();
        assertThat(reply[0]).isEqualTo((byte) 2);
        assertThat(server.counters().get(Counter.MALFORMED) + server.counters().get(Counter.BAD_AUTHENTICATOR)).isGreaterThan(1000);
    }
}
