package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.QueryString;
import vn.bluezone.portal.gateway.opennds.Authmon;

/**
 * openNDS authmon's POSTs to the FAS URL ({@code /opennds/<gateway>/}) for gateways at levels 3 and 4.
 * Answers are plain text as authmon reads them; a refused request gets {@code ERROR: ...}, which authmon
 * writes to the router's log.
 */
final class AuthmonHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(AuthmonHandler.class);
    private static final int MAX_FORM_BYTES = 32_768;

    private final Function<HttpServerExchange, Optional<Gateway>> gatewayOf;
    private final Authmon authmon;

    AuthmonHandler(Function<HttpServerExchange, Optional<Gateway>> gatewayOf, Authmon authmon) {
        this.gatewayOf = gatewayOf;
        this.authmon = authmon;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Optional<Gateway> gateway = gatewayOf.apply(exchange).filter(g -> g.settings().openNds().authmon());
        if (gateway.isEmpty()) {
            answer(exchange, 404, "ERROR: no openNDS gateway at level 3 or 4 here");
            return;
        }
        exchange.setMaxEntitySize(MAX_FORM_BYTES);
        exchange.getRequestReceiver().receiveFullString(
                (ex, body) -> {
                    if (body.length() > MAX_FORM_BYTES) { // the body may have been buffered before this limit was set
                        answer(ex, 413, "ERROR: unreadable or oversized request");
                    } else {
                        ex.dispatch(() -> respond(ex, gateway.get().settings().id(), body));
                    }
                },
                (ex, failure) -> answer(ex, RequestLimits.statusForUnreadableBody(failure), "ERROR: unreadable or oversized request"),
                StandardCharsets.UTF_8);
    }

    private void respond(HttpServerExchange exchange, String gatewayId, String body) {
        Map<String, String> form = new HashMap<>();
        QueryString fields = QueryString.parse(body.replace('+', ' '));
        for (String name : new String[] {"auth_get", "gatewayhash", "payload"}) {
            fields.get(name).ifPresent(v -> form.put(name, v));
        }
        try {
            Authmon.Reply reply = authmon.answer(gatewayId, form);
            if (!reply.ok()) {
                log.warn("gateway {}: authmon request refused: {}", gatewayId, reply.text());
            }
            answer(exchange, reply.ok() ? 200 : 400, reply.text());
        } catch (StoreUnavailableException e) {
            log.warn("gateway {}: authmon poll not answered, store unavailable: {}", gatewayId, e.getMessage());
            answer(exchange, 503, "ERROR: store unavailable, try again");
        }
    }

    private static void answer(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(text);
    }
}
