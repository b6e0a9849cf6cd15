package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;

/**
 * Headers on every response: pages may load nothing from anywhere (their CSS and images are inline),
 * may not be framed, and do not leak the visitor's URL (which carries the visit token) to other sites.
 */
final class SecurityHeaders implements HttpHandler {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'";

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        headers.put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.put(Headers.REFERRER_POLICY, "no-referrer");
        headers.put(Headers.X_FRAME_OPTIONS, "DENY");
        next.handleRequest(exchange);
    }
}
