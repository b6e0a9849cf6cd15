package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.ImpressionRecorder;
import vn.bluezone.portal.notice.Platform;

/**
 * The counting redirect behind the store buttons: {@code /store/ios} and {@code /store/android}. The
 * click is counted when the link carries a valid visit; the visitor reaches the store either way, since
 * the target is the campaign's own fixed store URL (the visit's campaign, or the default one without a visit).
 */
final class StoreClickHandler implements HttpHandler {
    private final Platform store;
    private final VisitTokens tokens;
    private final VisitorPages visitorPages;
    private final ImpressionRecorder recorder;
    private final AfterDurable afterDurable;

    StoreClickHandler(Platform store, VisitTokens tokens, VisitorPages visitorPages, ImpressionRecorder recorder, AfterDurable afterDurable) {
        this.store = store;
        this.tokens = tokens;
        this.visitorPages = visitorPages;
        this.recorder = recorder;
        this.afterDurable = afterDurable;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Optional<Visit> visit = tokens.open(VisitorPages.parameter(exchange, "v"));
        if (visit.isEmpty()) {
            Responses.redirect(exchange, 302, visitorPages.pages().campaign().storeUrl(store));
            return;
        }
        String target = visitorPages.pages(visit.get()).campaign().storeUrl(store);
        String language = visitorPages.language(exchange).primary();
        afterDurable.then(exchange, recorder.record(ImpressionKind.STORE_CLICK, visit.get(), VisitorPages.platform(exchange), language,
                VisitorPages.sourceAddress(exchange)),
                (ex, outcome) -> Responses.redirect(ex, 302, target));
    }
}
