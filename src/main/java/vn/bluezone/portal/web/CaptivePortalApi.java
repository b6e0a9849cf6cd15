package vn.bluezone.portal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.bluezone.portal.access.OnlineClients;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.Gateways;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /captive-portal/api/{gateway}}: the RFC 8908 Captive Portal API, the URI a network announces
 * in DHCP option 114, DHCPv6 option 103 or RA option 37. The client is known by the request's source
 * address: one this node let online at that gateway is {@code captive: false} with its
 * {@code seconds-remaining}; any other is {@code captive: true}. {@code user-portal-url} (the gateway's)
 * and {@code venue-info-url} (the venue's) are sent when configured.
 */
final class CaptivePortalApi implements HttpHandler {
    static final String MEDIA_TYPE = "application/captive+json";

    private final Gateways gateways;
    private final Venues venues;
    private final OnlineClients online;
    private final ObjectMapper json = new ObjectMapper();

    CaptivePortalApi(Gateways gateways, Venues venues, OnlineClients online) {
        this.gateways = gateways;
        this.venues = venues;
        this.online = online;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws JsonProcessingException {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        Optional<Gateway> gateway = gateways.find(match == null ? "" : match.getParameters().getOrDefault("gateway", ""));
        if (gateway.isEmpty()) {
            Responses.json(exchange, 404, "{\"error\":\"unknown gateway\"}");
            return;
        }
        GatewaySettings settings = gateway.get().settings();
        InetSocketAddress source = exchange.getSourceAddress();
        Optional<Duration> remaining = source == null || source.getAddress() == null ? Optional.empty()
                : online.remaining(settings.id(), source.getAddress());

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("captive", remaining.isEmpty());
        if (!settings.userPortalUrl().isEmpty()) {
            answer.put("user-portal-url", settings.userPortalUrl());
        }
        venues.find(settings.venue()).map(v -> v.infoUrl()).filter(url -> !url.isEmpty())
                .ifPresent(url -> answer.put("venue-info-url", url));
        remaining.ifPresent(left -> {
            answer.put("seconds-remaining", left.toSeconds());
            answer.put("can-extend-session", false);
        });
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MEDIA_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "private");
        exchange.getResponseSender().send(ByteBuffer.wrap(json.writeValueAsBytes(answer)));
    }
}
