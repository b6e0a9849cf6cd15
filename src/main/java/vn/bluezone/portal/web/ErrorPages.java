package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.notice.MessageKind;

/** The outermost guard: whatever goes wrong inside, the visitor gets a plain page in their language, never a stack trace. */
final class ErrorPages implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final HttpHandler next;
    private final VisitorPages visitorPages;

    ErrorPages(HttpHandler next, VisitorPages visitorPages) {
        this.next = next;
        this.visitorPages = visitorPages;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            log.error("request {} failed", exchange.getRequestPath(), e);
            if (!exchange.isResponseStarted()) {
                visitorPages.message(exchange, 500, MessageKind.BUSY);
            }
        }
    }
}
