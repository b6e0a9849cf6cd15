package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
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
            return reached(exchange);
        }
        return exchange.getRequestScheme() + "://" + host;
    }

    /**
     * For a request whose Host names another site (an operating system's connectivity probe that a
     * gateway's DNS sent here): the configured {@code http.public-url}, else the scheme, address and
     * port the connection reached.
     */
    String reached(HttpServerExchange exchange) {
        if (!configured.isEmpty()) {
            return configured;
        }
        InetSocketAddress local = exchange.getDestinationAddress();
        String address = local.getAddress().getHostAddress();
        int zone = address.indexOf('%');
        address = zone < 0 ? address : address.substring(0, zone);
        return exchange.getRequestScheme() + "://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
    }
}
