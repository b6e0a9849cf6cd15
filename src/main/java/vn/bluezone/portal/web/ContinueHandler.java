package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.ImpressionRecorder;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.Gateways;
import vn.bluezone.portal.gateway.QueryString;
import vn.bluezone.portal.notice.MessageKind;
import vn.bluezone.portal.notice.Platform;

/**
 * The visitor tapped "Continue to the Internet": the acknowledgement is stored (once per visit; a
 * replayed form is refused) and then the browser is sent to the gateway's own login step.
 */
final class ContinueHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ContinueHandler.class);
    private static final int MAX_FORM_BYTES = 8192;

    private final VisitTokens tokens;
    private final VisitorPages visitorPages;
    private final Gateways gateways;
    private final ImpressionRecorder recorder;
    private final AfterDurable afterDurable;
    private final GrantResponder grants;
    private final ReturningDevices returning;
    private final InstantSource clock;

    ContinueHandler(VisitTokens tokens, VisitorPages visitorPages, Gateways gateways, ImpressionRecorder recorder,
            AfterDurable afterDurable, GrantResponder grants, ReturningDevices returning, InstantSource clock) {
        this.tokens = tokens;
        this.visitorPages = visitorPages;
        this.gateways = gateways;
        this.recorder = recorder;
        this.afterDurable = afterDurable;
        this.grants = grants;
        this.returning = returning;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.POST)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            visitorPages.message(exchange, 405, MessageKind.BAD_LINK);
            return;
        }
        exchange.setMaxEntitySize(MAX_FORM_BYTES);
        exchange.getRequestReceiver().receiveFullString(
                (ex, body) -> {
                    if (body.length() > MAX_FORM_BYTES) { // the body may have been buffered before this limit was set
                        visitorPages.message(ex, 413, MessageKind.BAD_LINK);
                    } else {
                        acknowledge(ex, QueryString.parse(body.replace('+', ' ')));
                    }
                },
                (ex, failure) -> visitorPages.message(ex, RequestLimits.statusForUnreadableBody(failure), MessageKind.BAD_LINK),
                StandardCharsets.UTF_8);
    }

    private void acknowledge(HttpServerExchange exchange, QueryString form) {
        String token = form.get("v").orElse("");
        Optional<Visit> opened = tokens.openOrExplain(exchange, token);
        if (opened.isEmpty()) {
            return;
        }
        Visit visit = opened.get();
        Optional<Gateway> gateway = gateways.find(visit.gateway());
        if (gateway.isEmpty()) {
            log.warn("acknowledgement for gateway {} which is no longer configured", visit.gateway());
            visitorPages.message(exchange, 404, MessageKind.UNKNOWN_GATEWAY);
            return;
        }
        String language = form.get("lang").filter(l -> l.matches("[a-z]{2,3}")).orElse(visitorPages.language(exchange).primary());
        Platform platform = VisitorPages.platform(exchange);
        afterDurable.then(exchange, recorder.record(ImpressionKind.ACKNOWLEDGED, visit, platform, language,
                VisitorPages.sourceAddress(exchange)), (ex, outcome) -> {
            if (outcome == EventWriter.Outcome.REPLAY) {
                log.info("replayed acknowledgement refused (gateway {})", visit.gateway());
                visitorPages.message(ex, 409, MessageKind.USED);
            } else {
                returning.acknowledged(visit.deviceKey(), clock.instant());
                grants.respond(ex, gateway.get(), visit, token, language, 303);
            }
        });
    }
}
