package vn.bluezone.portal.gateway;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Visitors waiting for a gateway that fetches the clients to let in from the portal (openNDS authmon).
 * Lines are queued with the visitor's acknowledgement through the event writer
 * ({@link vn.bluezone.portal.events.PolledGrant}); this store hands them out and records the gateway's
 * confirmations. Shared by every portal node, so any node may serve the poll and any node the visitor.
 */
public interface PolledGrants {

    /** Where a queued grant stands. */
    enum State {
        /** Queued, not yet confirmed by the gateway, not expired. */
        WAITING,
        /** The gateway confirmed it let the visitor in. */
        LET_IN,
        /** Never queued, or expired before the gateway confirmed it. */
        UNKNOWN
    }

    /** A line waiting to be fetched. */
    record Waiting(String key, String line) {
    }

    /** A grant's state and when it was queued ({@link Instant#EPOCH} when unknown). */
    record Status(State state, Instant queuedAt) {
    }

    /** Lines waiting for this poller and not expired, oldest first (at most {@code limit}). */
    List<Waiting> waiting(String gateway, String poller, Instant now, int limit);

    /**
     * Records that the gateway let these keys in: they are never handed out again.
     *
     * @return how many of them were waiting
     */
    int letIn(String gateway, String poller, Collection<String> keys, Instant now);

    /** Removes this poller's grants that were let in or have expired before {@code before}. */
    int forgetSettled(String gateway, String poller, Instant before);

    Status status(String gateway, String key, Instant now);
}
