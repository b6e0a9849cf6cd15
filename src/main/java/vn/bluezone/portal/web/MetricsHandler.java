package vn.bluezone.portal.web;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vn.bluezone.portal.ops.PortalMetrics;

/**
 * {@code GET /metrics}: the Prometheus text format, for clients whose address is in {@code metrics.allow-from}
 * (loopback unless configured); 403 for everyone else. The figures say how busy the portal is and how fast
 * its disk commits, nothing about visitors, but they are an operator's, not the public's.
 */
final class MetricsHandler implements HttpHandler {
    private static final byte[] REFUSED = ("Forbidden: /metrics is open only to the addresses in metrics.allow-from.\n"
            + "Bị từ chối: /metrics chỉ mở cho các địa chỉ trong metrics.allow-from.\n").getBytes(StandardCharsets.UTF_8);

    private final PortalMetrics metrics;
    private final List<IPAddress> allowed;

    MetricsHandler(PortalMetrics metrics, List<String> allowFrom) {
        this.metrics = metrics;
        this.allowed = allowFrom.stream().map(a -> new IPAddressString(a).getAddress().toPrefixBlock()).toList();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!allowed(exchange.getSourceAddress())) {
            exchange.setStatusCode(403);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send(ByteBuffer.wrap(REFUSED));
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    boolean allowed(InetSocketAddress source) {
        if (source == null || source.getAddress() == null) {
            return false;
        }
        IPAddress address = new IPAddressString(source.getAddress().getHostAddress()).getAddress();
        if (address == null) {
            return false;
        }
        IPAddress client = address.isIPv4Convertible() && address.isIPv6() ? address.toIPv4() : address;
        return allowed.stream().anyMatch(block -> block.contains(client));
    }
}
