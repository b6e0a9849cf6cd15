package vn.bluezone.portal.radius;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Replies to recent requests, so that a retransmission (same source, identifier and authenticator) gets
 * the very same reply instead of being processed twice (RFC 5080 section 2.2.2). While the first copy is
 * still being processed, later copies are dropped. Bounded in size and age, so a flood cannot grow it.
 */
final class DuplicateCache {
    /** Marks a request being processed. */
    private static final byte[] PENDING = new byte[0];

    record Key(SocketAddress source, int identifier, ByteBuffer authenticator) {
        static Key of(SocketAddress source, byte[] packet) {
            return new Key(source, packet[1] & 0xff, ByteBuffer.wrap(Arrays.copyOfRange(packet, 4, 20)));
        }
    }

    /** What to do with a request: process it, resend a cached reply, or drop it (its first copy is in progress). */
    sealed interface Claim permits Fresh, Answered, InProgress {
    }

    record Fresh() implements Claim {
    }

    record Answered(byte[] reply) implements Claim {
    }

    record InProgress() implements Claim {
    }

    private static final Claim FRESH = new Fresh();
    private static final Claim IN_PROGRESS = new InProgress();

    private final Cache<Key, byte[]> replies;

    DuplicateCache(int maximumSize, Duration ttl, Ticker ticker) {
        this.replies = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    Claim claim(Key key) {
        byte[] previous = replies.asMap().putIfAbsent(key, PENDING);
        if (previous == null) {
            return FRESH;
        }
        return previous == PENDING ? IN_PROGRESS : new Answered(previous);
    }

    void answered(Key key, byte[] reply) {
        replies.put(key, reply);
    }

    /** The request got no reply (it was dropped): a retransmission is processed afresh. */
    void forget(Key key) {
        replies.invalidate(key);
    }
}
