package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may call {@code /api/}: with {@code api.token} configured, requests bearing it; without one,
 * only clients on the portal host itself (loopback).
 */
final class ApiAccess {
    private final byte[] token;

    ApiAccess(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    boolean allows(HttpServerExchange exchange) {
        if (token.length == 0) {
            return exchange.getSourceAddress() != null && exchange.getSourceAddress().getAddress().isLoopbackAddress();
        }
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The venues whose statistics a caller may read: all of {@code venues} for a caller {@link #allows} lets in, else none. */
    Function<HttpServerExchange, Optional<Set<String>>> venueScope(Set<String> venues) {
        Set<String> all = Set.copyOf(venues);
        return exchange -> allows(exchange) ? Optional.of(all) : Optional.empty();
    }
}
