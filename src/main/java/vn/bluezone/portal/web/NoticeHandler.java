package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.notice.LanguageChooser;
import vn.bluezone.portal.venue.Venues;

/**
 * The notice again, in the language the visitor picked from the switcher. The visit was already
 * counted when it was first shown, so nothing is recorded here.
 */
final class NoticeHandler implements HttpHandler {
    private final VisitTokens tokens;
    private final VisitorPages visitorPages;
    private final Venues venues;

    NoticeHandler(VisitTokens tokens, VisitorPages visitorPages, Venues venues) {
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
        LanguageChooser.Choice language = visitorPages.language(exchange);
        Responses.html(exchange, 200, visitorPages.pages(visit.get())
                .notice(venues.get(visit.get().venue()).name(), language.primary(), language.secondary(), VisitorPages.platform(exchange))
                .fill(token));
    }
}
