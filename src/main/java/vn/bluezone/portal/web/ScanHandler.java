package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.util.Optional;
import vn.bluezone.portal.access.VisitIssuer;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.ImpressionRecorder;
import java.time.Instant;
import java.time.InstantSource;
import vn.bluezone.portal.notice.Campaigns;
import vn.bluezone.portal.notice.MessageKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /q/<venue>} (a printed poster's QR code) and {@code GET /q/<venue>?s=signage} (a signage screen's): sends
 * the phone to its store (the campaign's page that links both for anything but an iPhone or an Android phone) and
 * counts a {@code poster_scan} or {@code signage_scan} for the venue, durable before the redirect, unless the
 * {@link ScanThrottle} says this source already scanned. An unknown venue gets a 404 page in the visitor's language
 * with Vietnamese (or English) beneath.
 */
final class ScanHandler implements HttpHandler {
    /** The query value that marks a signage screen's code. */
    static final String SIGNAGE = "signage";
    private static final int MAX_USER_AGENT = 256;

    private final Venues venues;
    private final Campaigns campaigns;
    private final InstantSource clock;
    private final VisitIssuer issuer;
    private final ImpressionRecorder recorder;
    private final ScanThrottle throttle;
    private final VisitorPages visitorPages;
    private final AfterDurable afterDurable;

    ScanHandler(Venues venues, Campaigns campaigns, InstantSource clock, VisitIssuer issuer, ImpressionRecorder recorder,
            ScanThrottle throttle, VisitorPages visitorPages, AfterDurable afterDurable) {
        this.venues = venues;
        this.campaigns = campaigns;
        this.clock = clock;
        this.issuer = issuer;
        this.recorder = recorder;
        this.throttle = throttle;
        this.visitorPages = visitorPages;
        this.afterDurable = afterDurable;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String code = match == null ? "" : match.getParameters().getOrDefault("venue", "");
        String language = visitorPages.language(exchange).primary();
        Optional<VenueSettings> venue = venues.find(code);
        if (venue.isEmpty()) {
            Responses.html(exchange, 404, visitorPages.pages().bilingualMessage(MessageKind.UNKNOWN_VENUE, language));
            return;
        }
        ImpressionKind kind = SIGNAGE.equals(VisitorPages.parameter(exchange, "s")) ? ImpressionKind.SIGNAGE_SCAN : ImpressionKind.POSTER_SCAN;
        Platform platform = VisitorPages.platform(exchange);
        String address = exchange.getSourceAddress().getAddress().getHostAddress();
        String deviceKey = issuer.keyOfAddress(address);
        Instant now = clock.instant();
        String target = campaigns.schedule().at(venue.get(), now, deviceKey).scanTarget(platform);
        String userAgent = exchange.getRequestHeaders().getFirst(Headers.USER_AGENT);
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        if (!throttle.counts(address, userAgent, venue.get().code(), kind.code())) {
            Responses.redirect(exchange, 302, target);
            return;
        }
        afterDurable.thenEvenIfNotStored(exchange,
                recorder.recordScan(kind, venue.get(), now, deviceKey, platform, language),
                ex -> Responses.redirect(ex, 302, target));
    }
}
