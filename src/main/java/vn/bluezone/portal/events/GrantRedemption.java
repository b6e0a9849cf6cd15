package vn.bluezone.portal.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A grant token used to log a device in through RADIUS. Each token is redeemed once: a second
 * redemption of the same nonce, on any node, is refused by the store.
 *
 * @param at when it was redeemed
 * @param nonce the token's nonce
 * @param venue venue code of the NAS that asked
 * @param nas name of the NAS client that asked
 * @param deviceKey the device the token was issued to
 */
public record GrantRedemption(Instant at, String nonce, String venue, String nas, String deviceKey) implements Event {
    public GrantRedemption {
        Objects.requireNonNull(at);
        Objects.requireNonNull(nonce);
        Objects.requireNonNull(venue);
        Objects.requireNonNull(nas);
        Objects.requireNonNull(deviceKey);
    }
}
