package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.gateway.OriginUrl;
import vn.bluezone.portal.notice.MessageKind;

/** {@code /go}: on to the page the visitor first asked for, which the gateway reported and we validated. */
final class OriginRedirectHandler implements HttpHandler {
    private final VisitTokens tokens;
    private final VisitorPages visitorPages;

    OriginRedirectHandler(VisitTokens tokens, VisitorPages visitorPages) {
        this.tokens = tokens;
        this.visitorPages = visitorPages;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Optional<Visit> visit = tokens.openOrExplain(exchange, VisitorPages.parameter(exchange, "v"));
        if (visit.isEmpty()) {
            return;
        }
        String origin = OriginUrl.sanitize(visit.get().originUrl());
        if (origin.isEmpty()) {
            visitorPages.message(exchange, 404, MessageKind.NOT_FOUND);
        } else {
            Responses.redirect(exchange, 302, origin);
        }
    }
}
