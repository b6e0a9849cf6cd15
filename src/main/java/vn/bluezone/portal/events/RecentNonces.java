package vn.bluezone.portal.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The visit nonces (acknowledgements) and grant token nonces this node stored or spooled lately. While the store is
 * down its uniqueness checks cannot refuse a replayed acknowledgement or grant token, so the event writer asks here
 * instead: a replay on this node is refused during the outage too. Bounded and forgetful by design: a nonce it no
 * longer holds is still refused by the store when the spool is replayed (the visitor was only let on twice).
 */
public final class RecentNonces {
    /** About 13 MB of heap when full. */
    public static final long DEFAULT_CAPACITY = 100_000;

    private final Cache<String, Boolean> seen;

    /**
     * @param keep how long a nonce is remembered: as long as a visit or a grant token lives (an older one is refused as
     *     expired before it gets here)
     */
    public RecentNonces(InstantSource clock, Duration keep, long capacity) {
        this.seen = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfterWrite(keep)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /** The nonce an event may be used once with ("ack:…" or "grant:…"), or null when it has none. */
    static String of(Event event) {
        if (event instanceof Impression i && i.visitNonce() != null) {
            return "ack:" + i.visitNonce();
        }
        if (event instanceof GrantRedemption g) {
            return "grant:" + g.nonce();
        }
        return null;
    }

    /** Remembers the nonce; {@code true} if it was not already remembered. */
    boolean firstUse(String nonce) {
        return seen.asMap().putIfAbsent(nonce, Boolean.TRUE) == null;
    }

    void remember(String nonce) {
        seen.put(nonce, Boolean.TRUE);
    }

    /** The event carrying it was not kept after all: it may be tried again. */
    void forget(String nonce) {
        seen.invalidate(nonce);
    }
}
