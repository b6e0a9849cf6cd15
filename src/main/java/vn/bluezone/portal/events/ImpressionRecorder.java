package vn.bluezone.portal.events;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.venue.Venues;

/**
 * Turns what a visitor did into an {@link Impression} and hands it to the writer. Keeps counting honest: an event
 * from a source address outside its gateway's configured addresses, or beyond the device's or the address's
 * {@link CountingLimits}, is recorded flagged, apart from the venue's figures.
 */
public final class ImpressionRecorder {
    private final EventWriter writer;
    private final Venues venues;
    private final String campaign;
    private final InstantSource clock;
    private final CountingLimits limits;
    private final BiPredicate<String, String> expectedSource;

    /**
     * @param expectedSource whether a request from this source address (second) may come through this gateway (first)
     */
    public ImpressionRecorder(EventWriter writer, Venues venues, String campaign, InstantSource clock, CountingLimits limits,
            BiPredicate<String, String> expectedSource) {
        this.writer = writer;
        this.venues = venues;
        this.campaign = campaign;
        this.clock = clock;
        this.limits = limits;
        this.expectedSource = expectedSource;
    }

    /**
     * Records the event; the future completes once it is durable (or refused as a replayed acknowledgement).
     *
     * @param sourceAddress the address the visitor's request came from
     */
    public CompletableFuture<EventWriter.Outcome> record(ImpressionKind kind, Visit visit, Platform platform, String language,
            String sourceAddress) {
        VenueSettings venue = venues.get(visit.venue());
        Instant now = clock.instant();
        ImpressionFlag flag = limits.count(visit.deviceKey(), sourceAddress);
        if (!expectedSource.test(visit.gateway(), sourceAddress)) {
            flag = ImpressionFlag.OUTSIDE_GATEWAY_ADDRESSES;
        }
        return writer.record(new Impression(now, LocalDateTime.ofInstant(now, venue.timeZone()), venue.code(), visit.gateway(),
                visit.deviceKey(), kind, platform, language, campaign,
                kind == ImpressionKind.ACKNOWLEDGED ? visit.nonce() : null, flag));
    }
}
