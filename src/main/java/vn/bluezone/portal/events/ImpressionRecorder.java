package vn.bluezone.portal.events;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.notice.CampaignSchedule;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.venue.Venues;

/**
 * Turns what a visitor did into an {@link Impression} and hands it to the writer. Keeps counting honest: an event
 * from a source address outside its gateway's configured addresses, or beyond the device's or the address's
 * {@link CountingLimits}, is recorded flagged, apart from the venue's figures.
 */
public final class ImpressionRecorder {
    private final DurableWriter writer;
    private final Venues venues;
    private final CampaignSchedule campaigns;
    private final InstantSource clock;
    private final CountingLimits limits;
    private final BiPredicate<String, String> expectedSource;

    /**
     * @param expectedSource whether a request from this source address (second) may come through this gateway (first)
     */
    public ImpressionRecorder(DurableWriter writer, Venues venues, CampaignSchedule campaigns, InstantSource clock, CountingLimits limits,
            BiPredicate<String, String> expectedSource) {
        this.writer = writer;
        this.venues = venues;
        this.campaigns = campaigns;
        this.clock = clock;
        this.limits = limits;
        this.expectedSource = expectedSource;
    }

    /**
     * Records a scan of a poster's or a signage screen's QR code at a venue; the future completes once it is durable.
     *
     * @param kind {@link ImpressionKind#POSTER_SCAN} or {@link ImpressionKind#SIGNAGE_SCAN}
     * @param deviceKey the keyed hash of the phone's source address (phones scanning on mobile data tell no MAC)
     */
    public CompletableFuture<EventWriter.Outcome> recordScan(ImpressionKind kind, VenueSettings venue, Instant now, String deviceKey,
            Platform platform, String language) {
        if (kind.onWifi()) {
            throw new IllegalArgumentException(kind + " is not a scan");
        }
        return writer.record(new Impression(now, LocalDateTime.ofInstant(now, venue.timeZone()), venue.code(), "", deviceKey, kind, platform,
                language, campaigns.at(venue, now, deviceKey).id(), null));
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
                visit.deviceKey(), kind, platform, language, campaigns.at(venue, visit.issuedAt(), visit.deviceKey()).id(),
                kind == ImpressionKind.ACKNOWLEDGED ? visit.nonce() : null, flag));
    }
}
