package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The configuration's machine access to {@code /api/}: with {@code api.token} configured, requests bearing it;
 * without one, clients on the portal host itself (loopback). {@link StaffAccess} adds staff accounts to these.
 */
final class ApiAccess {
    private final byte[] token;

    ApiAccess(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** No {@code api.token} is configured: loopback clients are trusted instead. */
    boolean loopbackTrusted(HttpServerExchange exchange) {
        return token.length == 0 && fromLoopback(exchange);
    }

    /** An {@code api.token} is configured and the request bears it. */
    boolean bearsToken(HttpServerExchange exchange) {
        if (token.length == 0) {
            return false;
        }
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean fromLoopback(HttpServerExchange exchange) {
        return exchange.getSourceAddress() != null && exchange.getSourceAddress().getAddress().isLoopbackAddress();
    }
}
