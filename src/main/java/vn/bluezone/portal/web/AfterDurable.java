package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.notice.MessageKind;

/**
 * Holds a response until its impression is durable, without blocking an I/O thread: the exchange is
 * suspended and resumed on its own I/O thread when the writer's batch has committed. If the event
 * cannot be stored in time (the writer's watchdog enforces the commit timeout) the visitor gets the
 * "busy, try again" page, never the notice uncounted.
 */
final class AfterDurable {
    private static final Logger log = LoggerFactory.getLogger(AfterDurable.class);

    private final VisitorPages visitorPages;

    AfterDurable(VisitorPages visitorPages) {
        this.visitorPages = visitorPages;
    }

    /**
     * Like {@link #then}, but answers the same way when the event could not be stored (logged as not counted): for
     * redirects whose visitor must get where they are going whatever happens to the count (a scanned QR code).
     */
    void thenEvenIfNotStored(HttpServerExchange exchange, CompletableFuture<EventWriter.Outcome> event, Consumer<HttpServerExchange> respond) {
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> event
                .whenComplete((outcome, failure) -> exchange.getIoThread().execute(() -> {
                    if (failure != null) {
                        log.warn("{} not counted, the visitor is sent on: {}", exchange.getRequestPath(), failure.toString());
                    }
                    respond.accept(exchange);
                })));
    }

    void then(HttpServerExchange exchange, CompletableFuture<EventWriter.Outcome> event,
            BiConsumer<HttpServerExchange, EventWriter.Outcome> respond) {
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> event
                .whenComplete((outcome, failure) -> exchange.getIoThread().execute(() -> {
                    if (failure == null) {
                        try {
                            respond.accept(exchange, outcome);
                        } catch (RuntimeException e) {
                            log.error("could not answer {} after its impression was stored", exchange.getRequestPath(), e);
                            if (!exchange.isResponseStarted()) {
                                visitorPages.message(exchange, 500, MessageKind.BUSY);
                            }
                        }
                    } else {
                        if (failure instanceof StoreUnavailableException) {
                            // the writer logs why, once for a run of refused batches: a full disk must not mean a line per visitor
                            log.debug("impression not stored, visitor asked to retry: {}", failure.toString());
                        } else {
                            log.warn("impression not stored, visitor asked to retry: {}", failure.toString());
                        }
                        visitorPages.message(exchange, 503, MessageKind.BUSY);
                    }
                })));
    }
}
