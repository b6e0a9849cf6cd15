package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How the portal answers: HTML that is never cached, redirects, JSON. */
final class Responses {
    private static final HttpString CACHE_CONTROL = Headers.CACHE_CONTROL;

    private Responses() {
    }

    static void html(HttpServerExchange exchange, int status, ByteBuffer body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseHeaders().put(CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }

    static void html(HttpServerExchange exchange, int status, ByteBuffer[] body) {
        long length = 0;
        for (ByteBuffer b : body) {
            length += b.remaining();
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseHeaders().put(CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, length);
        exchange.getResponseSender().send(body);
    }

    static void html(HttpServerExchange exchange, int status, byte[] body) {
        html(exchange, status, ByteBuffer.wrap(body));
    }

    /** A redirect the browser follows with GET (303 after a form, 302 otherwise). */
    static void redirect(HttpServerExchange exchange, int status, String location) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.getResponseHeaders().put(CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    static void json(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }
}
