package vn.bluezone.portal.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import vn.bluezone.portal.notice.Platform;

/**
 * One counted event. Holds no raw MAC or IP address: the device is known only by its keyed hash.
 *
 * @param at when it happened
 * @param localTime the same instant on the venue's clock (statistics are per local day and hour)
 * @param venue venue code
 * @param gateway gateway id
 * @param deviceKey pseudonymous device key
 * @param kind what happened
 * @param platform the visitor's phone family
 * @param language language the notice was shown in
 * @param campaign campaign id
 * @param visitNonce the visit's nonce for {@link ImpressionKind#ACKNOWLEDGED} (stored once), otherwise null
 */
public record Impression(
        Instant at,
        LocalDateTime localTime,
        String venue,
        String gateway,
        String deviceKey,
        ImpressionKind kind,
        Platform platform,
        String language,
        String campaign,
        String visitNonce) implements Event {

    public Impression {
        Objects.requireNonNull(at);
        Objects.requireNonNull(localTime);
        Objects.requireNonNull(venue);
        Objects.requireNonNull(gateway);
        Objects.requireNonNull(deviceKey);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(platform);
        Objects.requireNonNull(language);
        Objects.requireNonNull(campaign);
        if ((kind == ImpressionKind.ACKNOWLEDGED) != (visitNonce != null)) {
            throw new IllegalArgumentException("an acknowledgement, and only an acknowledgement, carries the visit nonce");
        }
    }
}
