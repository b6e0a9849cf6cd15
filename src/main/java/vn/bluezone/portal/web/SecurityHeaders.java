package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

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
        headers.put(HttpString.tryFromString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        headers.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        next.handleRequest(exchange);
    }
}
