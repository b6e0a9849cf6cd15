package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.regex.Pattern;

/**
 * The portal's address as visitors reach it, for absolute links the gateway sends them back to:
 * the configured {@code http.public-url}, else the request's own Host header (if it looks like a host).
 */
final class PublicUrl {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?");

    private final String configured;

    PublicUrl(String configured) {
        this.configured = configured;
    }

    String base(HttpServerExchange exchange) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null || !HOST.matcher(host).matches()) {
            host = exchange.getDestinationAddress().getAddress().getHostAddress() + ":" + exchange.getDestinationAddress().getPort();
        }
        return exchange.getRequestScheme() + "://" + host;
    }
}
