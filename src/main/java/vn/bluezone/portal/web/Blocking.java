package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;

/** Runs a handler that reads the store or draws a document on a worker thread, never on an I/O thread. */
final class Blocking {
    private Blocking() {
    }

    static HttpHandler offIoThread(HttpHandler handler) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(handler);
                return;
            }
            handler.handleRequest(exchange);
        };
    }
}
