package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import vn.bluezone.portal.ops.Health;

/** {@code GET /healthz}: 200 when the portal can count impressions, 503 otherwise, with the details as JSON. */
final class HealthHandler implements HttpHandler {
    private final Health health;

    HealthHandler(Health health) {
        this.health = health;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Health.Report report = health.check();
        Responses.json(exchange, report.ready() ? 200 : 503, report.toJson());
    }
}
