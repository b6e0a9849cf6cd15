package vn.bluezone.portal.radius;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replies to recent requests, so that a retransmission (same source, identifier and authenticator) gets
 * the very same reply instead of being processed twice (RFC 5080 section 2.2.2). While the first copy is
 * still being processed, later copies are dropped. Bounded in size and age, so a flood cannot grow it; and a
 * request's reply is resent at most {@link #MAX_RESENDS} times, so a flood of one captured request cannot make the
 * server answer it at the flood's rate (a NAS retransmits a few times, seconds apart).
 */
final class DuplicateCache {
    /** Copies of one request answered from the cache; later copies are dropped. */
    static final int MAX_RESENDS = 10;

    /** A reply and how often it was resent. */
    private static final class Entry {
        final byte[] reply;
        final AtomicInteger resends = new AtomicInteger();

        Entry(byte[] reply) {
            this.reply = reply;
        }
    }

    /** Marks a request being processed. */
    private static final Entry PENDING = new Entry(new byte[0]);

    record Key(SocketAddress source, int identifier, ByteBuffer authenticator) {
        static Key of(SocketAddress source, byte[] packet) {
            return new Key(source, packet[1] & 0xff, ByteBuffer.wrap(Arrays.copyOfRange(packet, 4, 20)));
        }
    }

    /** What to do with a request: process it, resend a cached reply, or drop it (its first copy is in progress). */
    sealed interface Claim permits Fresh, Answered, InProgress, Exhausted {
    }

    record Fresh() implements Claim {
    }

    record Answered(byte[] reply) implements Claim {
    }

    record InProgress() implements Claim {
    }

    /** Answered {@link #MAX_RESENDS} times already: drop it. */
    record Exhausted() implements Claim {
    }

    private static final Claim FRESH = new Fresh();
    private static final Claim IN_PROGRESS = new InProgress();
    private static final Claim EXHAUSTED = new Exhausted();

    private final Cache<Key, Entry> replies;

    DuplicateCache(int maximumSize, Duration ttl, Ticker ticker) {
        this.replies = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    Claim claim(Key key) {
        Entry previous = replies.asMap().putIfAbsent(key, PENDING);
        return previous == null ? FRESH : duplicate(previous);
    }

    /** What to do with a copy of a request already seen, or empty if it was not seen (nothing is claimed). */
    Optional<Claim> seen(Key key) {
        Entry previous = replies.getIfPresent(key);
        return previous == null ? Optional.empty() : Optional.of(duplicate(previous));
    }

    private static Claim duplicate(Entry previous) {
        if (previous == PENDING) {
            return IN_PROGRESS;
        }
        return previous.resends.incrementAndGet() > MAX_RESENDS ? EXHAUSTED : new Answered(previous.reply);
    }

    void answered(Key key, byte[] reply) {
        replies.put(key, new Entry(reply));
    }

    /** The request got no reply (it was dropped): a retransmission is processed afresh. */
    void forget(Key key) {
        replies.invalidate(key);
    }
}
