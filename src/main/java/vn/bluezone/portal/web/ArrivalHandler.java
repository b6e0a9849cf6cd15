package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.access.VisitIssuer;
import vn.bluezone.portal.access.VisitSealer;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.ImpressionRecorder;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.notice.LanguageChooser;
import vn.bluezone.portal.notice.MessageKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.ops.RepeatedWarning;
import vn.bluezone.portal.venue.Venues;

/**
 * A gateway sent a visitor here: read the redirect, start a visit, count the impression and, once the
 * count is durable, show the notice.
 */
final class ArrivalHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ArrivalHandler.class);

    private final Function<HttpServerExchange, Optional<Gateway>> gatewayOf;
    private final VisitIssuer issuer;
    private final VisitSealer sealer;
    private final ImpressionRecorder recorder;
    private final Venues venues;
    private final VisitorPages visitorPages;
    private final AfterDurable afterDurable;
    private final PublicUrl publicUrl;
    private final ReturningDevices returning;
    private final GrantResponder grants;
    private final RepeatedWarning storeDown;

    ArrivalHandler(Function<HttpServerExchange, Optional<Gateway>> gatewayOf, VisitIssuer issuer,
            VisitSealer sealer, ImpressionRecorder recorder, Venues venues, VisitorPages visitorPages, AfterDurable afterDurable,
            PublicUrl publicUrl, ReturningDevices returning, GrantResponder grants, RepeatedWarning storeDown) {
        this.gatewayOf = gatewayOf;
        this.issuer = issuer;
        this.sealer = sealer;
        this.recorder = recorder;
        this.venues = venues;
        this.visitorPages = visitorPages;
        this.afterDurable = afterDurable;
        this.publicUrl = publicUrl;
        this.returning = returning;
        this.grants = grants;
        this.storeDown = storeDown;
    }

    /** The one warning every arrival handler shares, logged while the store cannot tell whether a device is returning. */
    static RepeatedWarning storeDownWarning(InstantSource clock) {
        return RepeatedWarning.perMinute(log, clock);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Optional<Gateway> gateway = gatewayOf.apply(exchange);
        if (gateway.isEmpty()) {
            log.warn("arrival for unknown gateway: {}", exchange.getRequestPath());
            visitorPages.message(exchange, 404, MessageKind.UNKNOWN_GATEWAY);
            return;
        }
        String gatewayId = gateway.get().settings().id();
        String query = exchange.getQueryString(); // no longer than http.max-query-bytes (RequestLimits)
        String source = VisitorPages.sourceAddress(exchange);
        String requestUrl = gateway.get().needsRequestUrl() ? publicUrl.base(exchange) + exchange.getRequestPath() : "";
        ArrivalResult result = gateway.get().arrive(new GatewayRequest(query, source, requestUrl));
        if (result instanceof ArrivalResult.Rejected rejected) {
            log.warn("gateway {}: redirect refused: {}", gatewayId, rejected.detail());
            visitorPages.message(exchange, 400, MessageKind.BAD_LINK);
        } else if (result instanceof ArrivalResult.AlreadyOnline online) {
            if (online.continueUrl().startsWith(publicUrl.base(exchange) + "/welcome?")) {
                // the gateway logged the visitor in and sends them back here: on to the welcome page we asked for
                Responses.redirect(exchange, 302, online.continueUrl());
            } else {
                visitorPages.message(exchange, 200, MessageKind.ALREADY_CONNECTED);
            }
        } else {
            Arrival arrival = (Arrival) result;
            Visit visit = issuer.issue(gateway.get().settings().id(), gateway.get().settings().venue(), arrival.clientMac(),
                    arrival.clientAddress(), arrival.originUrl(), arrival.grant());
            if (arrival.clientMac().isEmpty()) {
                // no device identity to remember (the demo venue): the notice every time
                showNotice(exchange, visit);
            } else {
                exchange.dispatch(() -> noticeOrPass(exchange, gateway.get(), visit));
            }
        }
    }

    /**
     * A device that acknowledged the notice within its venue's reminder interval goes straight to the
     * gateway's login (counted as {@code returning}); any other sees the notice. Runs off the I/O thread:
     * it may read the store. If the store cannot answer, the notice is shown.
     */
    private void noticeOrPass(HttpServerExchange exchange, Gateway gateway, Visit visit) {
        VenueSettings venue = venues.get(visit.venue());
        Optional<Instant> due;
        try {
            due = returning.noticeDueAt(visit.deviceKey(), venue.remindEvery());
        } catch (StoreUnavailableException e) {
            storeDown.warn("cannot tell whether a device is returning, showing the notice: {}", e.getMessage());
            due = Optional.empty();
        }
        if (due.isEmpty()) {
            showNotice(exchange, visit);
            return;
        }
        String token = sealer.seal(visit);
        String language = visitorPages.language(exchange).primary();
        afterDurable.then(exchange, recorder.record(ImpressionKind.RETURNING, visit, VisitorPages.platform(exchange), language,
                VisitorPages.sourceAddress(exchange)),
                (ex, outcome) -> grants.respond(ex, gateway, visit, token, language, 302));
    }

    private void showNotice(HttpServerExchange exchange, Visit visit) {
        String venue = visit.venue();
        String token = sealer.seal(visit);
        LanguageChooser.Choice language = visitorPages.language(exchange);
        Platform platform = VisitorPages.platform(exchange);
        afterDurable.then(exchange, recorder.record(ImpressionKind.SHOWN, visit, platform, language.primary(), VisitorPages.sourceAddress(exchange)),
                (ex, outcome) -> Responses.html(ex, 200, visitorPages.pages(visit)
                        .notice(venues.get(venue).name(), language.primary(), language.secondary(), platform)
                        .fill(token)));
    }
}
