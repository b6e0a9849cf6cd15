package vn.bluezone.portal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.events.GrantRedeemer;
import vn.bluezone.portal.gateway.Gateways;
import vn.bluezone.portal.gateway.QueryString;
import vn.bluezone.portal.gateway.generic.GenericGateway;
import vn.bluezone.portal.gateway.generic.GenericRedemption;

/**
 * {@code POST /api/gateways/{gateway}/redeem} (form: {@code token}, {@code mac}), for a generic gateway's
 * script, authenticated by the gateway's own secret ({@code Authorization: Bearer <secret>}), not by
 * {@code api.token}. Answers JSON: 200 granted with the session limits, 409 used, 403 a token that is not
 * for this device or venue, expired or forged, 401 a wrong secret, 400 a malformed body, 503 the store is busy.
 */
final class GatewayRedeemHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(GatewayRedeemHandler.class);
    private static final int MAX_BODY_BYTES = 4096;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

    private final Gateways gateways;
    private final GenericRedemption redemption;
    private final ObjectMapper json = new ObjectMapper();

    GatewayRedeemHandler(Gateways gateways, GenericRedemption redemption) {
        this.gateways = gateways;
        this.redemption = redemption;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String id = match == null ? "" : match.getParameters().getOrDefault("gateway", "");
        Optional<GenericGateway> gateway = gateways.find(id, GatewaySettings.Kind.GENERIC).map(GenericGateway.class::cast);
        if (gateway.isEmpty()) {
            refuse(exchange, 404, "unknown-gateway", "no generic gateway with this id");
            return;
        }
        if (!gateway.get().acceptsSecret(bearer(exchange))) {
            log.warn("gateway {}: redeem refused, wrong or missing secret (from {})", id, exchange.getSourceAddress());
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"bluezone-gateway\"");
            refuse(exchange, 401, "unauthorized", "'Authorization: Bearer <the gateway's secret>' is required");
            return;
        }
        Optional<String> body = body(exchange);
        if (body.isEmpty()) {
            refuse(exchange, 400, "bad-request", "the form body is missing or longer than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        QueryString form = QueryString.parse(body.get().replace('+', ' '));
        String token = form.get("token").orElse("");
        Optional<String> mac = DeviceKeys.normalizeMac(form.get("mac").orElse(""));
        if (!TOKEN.matcher(token).matches() || mac.isEmpty()) {
            refuse(exchange, 400, "bad-request", "form fields 'token' (the grant token) and 'mac' (a MAC address) are required");
            return;
        }
        GenericRedemption.Answer answer;
        try {
            answer = redemption.redeem(gateway.get().settings(), token, mac.get());
        } catch (CompletionException e) {
            log.warn("gateway {}: redemption not stored, the gateway is asked to retry: {}", id, e.getCause());
            refuse(exchange, 503, "busy", "the portal could not store the redemption; try again");
            return;
        }
        if (answer.granted()) {
            log.info("gateway {}: grant token redeemed", id);
            ObjectNode granted = json.createObjectNode()
                    .put("granted", true)
                    .put("mac", answer.mac())
                    .put("session-seconds", answer.session().toSeconds())
                    .put("idle-seconds", answer.limits().idleTimeout().toSeconds())
                    .put("upload-kbps", answer.limits().uploadKbps())
                    .put("download-kbps", answer.limits().downloadKbps())
                    .put("upload-quota-mb", answer.limits().uploadQuotaMb())
                    .put("download-quota-mb", answer.limits().downloadQuotaMb());
            Responses.json(exchange, 200, granted.toString());
            return;
        }
        String reason = answer.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
        log.info("gateway {}: grant token refused: {}", id, reason);
        ObjectNode refused = json.createObjectNode().put("granted", false).put("reason", reason).put("mac", answer.mac());
        Responses.json(exchange, answer.status() == GrantRedeemer.Status.USED ? 409 : 403, refused.toString());
    }

    private static String bearer(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    /** The request body, read on this worker thread, if it arrives whole and within the limit. */
    private static Optional<String> body(HttpServerExchange exchange) {
        exchange.setMaxEntitySize(MAX_BODY_BYTES);
        exchange.startBlocking();
        try (InputStream in = exchange.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void refuse(HttpServerExchange exchange, int status, String reason, String message) {
        ObjectNode body = json.createObjectNode().put("granted", false).put("reason", reason).put("error", message);
        Responses.json(exchange, status, body.toString());
    }
}
