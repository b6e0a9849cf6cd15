package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.venue.Venues;

/** The page the gateway shows once the visitor is online: the store links again, and the way on. */
final class WelcomeHandler implements HttpHandler {
    private final VisitTokens tokens;
    private final VisitorPages visitorPages;
    private final Venues venues;

    WelcomeHandler(VisitTokens tokens, VisitorPages visitorPages, Venues venues) {
        this.tokens = tokens;
        this.visitorPages = visitorPages;
        this.venues = venues;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String token = VisitorPages.parameter(exchange, "v");
        Optional<Visit> visit = tokens.openOrExplain(exchange, token);
        if (visit.isEmpty()) {
            return;
        }
        Responses.html(exchange, 200, visitorPages.pages(visit.get())
                .welcome(venues.get(visit.get().venue()).name(), visitorPages.language(exchange).primary(),
                        VisitorPages.platform(exchange), !visit.get().originUrl().isEmpty())
                .fill(token));
    }
}
