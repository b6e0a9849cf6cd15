package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.notice.MessageKind;

/** The outermost guard: whatever goes wrong inside, the visitor gets a plain page in their language, never a stack trace. */
final class ErrorPages implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    /** When even the campaign's message page cannot be made: Vietnamese and English, nothing else. */
    private static final byte[] PLAIN_PAGE = ("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Lỗi / Error</title>"
            + "<p>Hệ thống đang bận, vui lòng thử lại sau ít phút.</p><p lang=\"en\">The portal is busy; please try again in a few minutes.</p>")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

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
                try {
                    visitorPages.message(exchange, 500, MessageKind.BUSY);
                } catch (RuntimeException pageFailed) {
                    log.error("the error page for {} failed too", exchange.getRequestPath(), pageFailed);
                    Responses.html(exchange, 500, PLAIN_PAGE);
                }
            }
        }
    }
}
