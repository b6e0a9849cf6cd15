package vn.bluezone.portal.radius;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the RADIUS server did with the packets it received, counted since start. Thread-safe. */
public final class RadiusCounters {

    /** One outcome of a packet. */
    public enum Counter {
        ACCESS_ACCEPTS, ACCESS_REJECTS, ACCOUNTING_RESPONSES, STATUS_SERVER_REPLIES,
        /** answered from the duplicate cache, or dropped while the first copy was in progress */
        DUPLICATES,
        /** dropped: a copy of a request already answered {@value DuplicateCache#MAX_RESENDS} times (a replay flood) */
        DUPLICATES_DROPPED,
        /** Access-Requests without Message-Authenticator from a NAS allowed to omit it */
        WITHOUT_MESSAGE_AUTHENTICATOR,
        /** dropped: the source address is no configured NAS */
        UNKNOWN_CLIENT,
        /** dropped: bad lengths, attributes out of bounds, undecodable */
        MALFORMED,
        /** dropped: Message-Authenticator or Request Authenticator wrong (a wrong secret, or forged) */
        BAD_AUTHENTICATOR,
        /** dropped: Access-Request without the Message-Authenticator its NAS must send */
        MISSING_MESSAGE_AUTHENTICATOR,
        /** dropped: a packet code this port does not serve */
        UNEXPECTED_CODE,
        /** not answered: the store could not answer or take the record in time; the NAS retransmits */
        NOT_STORED;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Counter, LongAdder> counts = new EnumMap<>(Counter.class);

    RadiusCounters() {
        for (Counter c : Counter.values()) {
            counts.put(c, new LongAdder());
        }
    }

    void add(Counter counter) {
        counts.get(counter).increment();
    }

    public long get(Counter counter) {
        return counts.get(counter).sum();
    }

    /** All counters by {@link Counter#key()}, in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((c, v) -> out.put(c.key(), v.sum()));
        return out;
    }
}
