package vn.bluezone.portal.web;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import vn.bluezone.portal.ops.HttpRequestStats;
import vn.bluezone.portal.ops.HttpRequestStats.Route;

/**
 * Counts every request by route group and status class and times it from its arrival to the end of its
 * answer (for the notice, after its impression is durable). Outermost wrapper, so error pages are counted
 * with their status. Costs a request two clock reads, a few string comparisons and five additions.
 */
final class RequestMetrics implements HttpHandler {
    private final HttpHandler next;
    private final HttpRequestStats stats;

    RequestMetrics(HttpHandler next, HttpRequestStats stats) {
        this.next = next;
        this.stats = stats;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        stats.started();
        exchange.addExchangeCompleteListener(new Timing(stats, routeOf(exchange), System.nanoTime()));
        next.handleRequest(exchange);
    }

    private record Timing(HttpRequestStats stats, Route route, long startNanos) implements ExchangeCompletionListener {
        @Override
        public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
            try {
                stats.record(route, exchange.getStatusCode(), System.nanoTime() - startNanos);
            } finally {
                next.proceed();
            }
        }
    }

    /** The group of a request, from its path as {@link Routes} maps it. */
    static Route routeOf(HttpServerExchange exchange) {
        return routeOf(exchange.getRequestPath(), exchange.getRequestMethod().equals(Methods.POST));
    }

    static Route routeOf(String path, boolean post) {
        if (path.equals("/")) {
            return Route.ARRIVAL;
        }
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path : path.substring(0, end);
        return switch (first) {
            case "/opennds" -> post ? Route.AUTHMON : Route.ARRIVAL;
            case "/coova", "/mikrotik", "/meraki", "/pfsense", "/generic" -> Route.ARRIVAL;
            case "/notice", "/welcome", "/connecting", "/go" -> Route.NOTICE;
            case "/continue" -> Route.ACKNOWLEDGE;
            case "/store" -> Route.STORE_CLICK;
            case "/api" -> Route.API;
            case "/login", "/logout", "/dashboard", "/report", "/admin" -> Route.STAFF;
            case "/healthz" -> Route.HEALTH;
            case "/metrics" -> Route.METRICS;
            case "/captive-portal", "/hotspot-detect.html", "/library", "/generate_204", "/gen_204", "/connecttest.txt", "/redirect",
                    "/ncsi.txt", "/success.txt", "/canonical.html" -> Route.PROBE;
            default -> Route.OTHER;
        };
    }
}
