package vn.bluezone.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RandomBytesTest {

    @Test
    void noTwoIvsAreAlikeAcrossManyKilobyteDraws() {
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) { // 2.4 MB: some 2 300 refills of the thread's kilobyte
            byte[] iv = new byte[12];
            RandomBytes.fill(iv);
            assertThat(seen.add(ByteBuffer.wrap(iv))).as("IV %d is new", i).isTrue();
        }
    }

    @Test
    void aRequestLargerThanTheKilobyteIsFilledWhole() {
        byte[] big = new byte[5000];
        RandomBytes.fill(big);

        assertThat(nonZero(big, 0, 1000)).isGreaterThan(900);
        assertThat(nonZero(big, 4000, 5000)).as("the last kilobyte too").isGreaterThan(900);
    }

    @Test
    void threadsDrawTheirOwnBytes() throws Exception {
        byte[] here = new byte[16];
        RandomBytes.fill(here);
        byte[] there = CompletableFuture.supplyAsync(() -> {
            byte[] b = new byte[16];
            RandomBytes.fill(b);
            return b;
        }).get();

        assertThat(there).isNotEqualTo(here);
    }

    private static int nonZero(byte[] bytes, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += bytes[i] != 0 ? 1 : 0;
        }
        return n;
    }
}
