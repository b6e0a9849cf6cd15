package vn.bluezone.portal.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A visitor who acknowledged the notice, queued for a gateway that fetches the clients to let in from the
 * portal (openNDS authmon). Queuing the same key twice keeps the first.
 *
 * @param at when it was queued
 * @param gateway the portal's gateway id
 * @param poller who fetches it (openNDS: the router's gatewayhash)
 * @param key what the gateway confirms (openNDS: the rhid)
 * @param line what the gateway is handed
 * @param expiresAt when it is no longer handed out
 */
public record PolledGrant(Instant at, String gateway, String poller, String key, String line, Instant expiresAt) implements Event {
    public PolledGrant {
        Objects.requireNonNull(at);
        Objects.requireNonNull(gateway);
        Objects.requireNonNull(poller);
        Objects.requireNonNull(key);
        Objects.requireNonNull(line);
        Objects.requireNonNull(expiresAt);
    }
}
