package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.gateway.PolledGrants;
import vn.bluezone.portal.notice.MessageKind;

/**
 * The page a visitor waits on while a polling gateway (openNDS authmon) lets them in. It reloads itself
 * every two seconds without JavaScript; once the gateway has confirmed the visitor, it sends them on to
 * the welcome page. If the gateway is slow, the visitor is told so and offered a link that keeps waiting.
 */
final class ConnectingHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ConnectingHandler.class);
    /** After this long the page says the gateway is slow (authmon polls every 10 s by default). */
    static final Duration PATIENCE = Duration.ofSeconds(45);

    private final VisitTokens tokens;
    private final VisitorPages visitorPages;
    private final PolledGrants grants;
    private final GrantResponder responder;
    private final InstantSource clock;

    ConnectingHandler(VisitTokens tokens, VisitorPages visitorPages, PolledGrants grants, GrantResponder responder, InstantSource clock) {
        this.tokens = tokens;
        this.visitorPages = visitorPages;
        this.grants = grants;
        this.responder = responder;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String token = VisitorPages.parameter(exchange, "v");
        Optional<Visit> opened = tokens.openOrExplain(exchange, token);
        if (opened.isEmpty()) {
            return;
        }
        Visit visit = opened.get();
        String key = visit.grant().get("tok");
        if (key == null) {
            visitorPages.message(exchange, 400, MessageKind.BAD_LINK);
            return;
        }
        PolledGrants.Status status;
        try {
            status = grants.status(visit.gateway(), key, clock.instant());
        } catch (StoreUnavailableException e) {
            log.warn("cannot read a queued grant: {}", e.getMessage());
            visitorPages.message(exchange, 503, MessageKind.BUSY);
            return;
        }
        String language = visitorPages.language(exchange).primary();
        switch (status.state()) {
            case LET_IN -> {
                responder.letOnline(visit);
                Responses.redirect(exchange, 303, responder.landing(exchange, token, language));
            }
            case UNKNOWN -> visitorPages.message(exchange, 410, MessageKind.EXPIRED);
            case WAITING -> {
                if (Duration.between(status.queuedAt(), clock.instant()).compareTo(PATIENCE) > 0) {
                    visitorPages.message(exchange, 200, MessageKind.GATEWAY_SLOW);
                } else {
                    visitorPages.refreshing(exchange, MessageKind.CONNECTING);
                }
            }
        }
    }
}
