package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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
}
