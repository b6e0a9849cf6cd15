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
 * @param flag {@link ImpressionFlag#NONE} when it counts towards the venue's figures, else why it is only recorded apart
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
        String visitNonce,
        ImpressionFlag flag) implements Event {

    /** A counted impression (not flagged). */
    public Impression(Instant at, LocalDateTime localTime, String venue, String gateway, String deviceKey, ImpressionKind kind,
            Platform platform, String language, String campaign, String visitNonce) {
        this(at, localTime, venue, gateway, deviceKey, kind, platform, language, campaign, visitNonce, ImpressionFlag.NONE);
    }

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
        Objects.requireNonNull(flag);
        if ((kind == ImpressionKind.ACKNOWLEDGED) != (visitNonce != null)) {
            throw new IllegalArgumentException("an acknowledgement, and only an acknowledgement, carries the visit nonce");
        }
    }

    /** Whether it is kept out of the venue's figures (recorded apart). */
    public boolean flagged() {
        return flag != ImpressionFlag.NONE;
    }
}
