package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.RequestBufferingHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import vn.bluezone.portal.notice.MessageKind;

/**
 * What one request may take, answered before any route sees it: a query longer than {@code http.max-query-bytes}
 * or a path longer than {@link #MAX_PATH_BYTES} gets 414, a header block over {@link #MAX_HEADER_BYTES} or more than
 * {@link #MAX_HEADERS} header lines 431, a declared body over {@link #MAX_BODY_BYTES} 413 (and the connection is
 * closed rather than the body read), each with the short page in the visitor's language. A request that has a body
 * must deliver it within {@code http.request-timeout} of its headers, or its connection is closed; it is read into
 * buffers on the I/O thread before the route runs, so a client sending its body byte by byte holds no worker thread. (Undertow itself closes a connection whose headers do not
 * arrive within the same time, and answers a bare 400 to a request it cannot parse or whose header block exceeds
 * twice this limit.)
 */
final class RequestLimits implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);
    static final int MAX_HEADER_BYTES = 32 * 1024;
    static final int MAX_HEADERS = 100;
    static final int MAX_PATH_BYTES = 2048;
    static final long MAX_BODY_BYTES = 64 * 1024;

    /** Pooled buffers (16 KB each) a body is read into on the I/O thread before its route runs: more than the limit. */
    private static final int BODY_BUFFERS = (int) (MAX_BODY_BYTES / (16 * 1024)) + 1;

    private final HttpHandler next;
    private final HttpHandler buffered;
    private final VisitorPages visitorPages;
    private final int maxQueryBytes;
    private final long requestTimeoutMillis;

    RequestLimits(HttpHandler next, VisitorPages visitorPages, int maxQueryBytes, Duration requestTimeout) {
        this.next = next;
        this.buffered = new RequestBufferingHandler(next, BODY_BUFFERS);
        this.visitorPages = visitorPages;
        this.maxQueryBytes = maxQueryBytes;
        this.requestTimeoutMillis = requestTimeout.toMillis();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getQueryString().length() > maxQueryBytes || exchange.getRequestURI().length() > MAX_PATH_BYTES) {
            refuse(exchange, 414, "a query of " + exchange.getQueryString().length() + " bytes or a path of "
                    + exchange.getRequestURI().length() + " bytes");
            return;
        }
        HeaderMap headers = exchange.getRequestHeaders();
        int lines = 0;
        long bytes = exchange.getRequestURI().length() + exchange.getQueryString().length();
        for (HeaderValues values : headers) {
            for (String value : values) {
                lines++;
                bytes += values.getHeaderName().length() + value.length() + 4;
            }
        }
        if (lines > MAX_HEADERS || bytes > MAX_HEADER_BYTES) {
            refuse(exchange, 431, lines + " header lines of " + bytes + " bytes");
            return;
        }
        long declared = exchange.getRequestContentLength();
        if (declared > MAX_BODY_BYTES) {
            refuse(exchange, 413, "a body of " + declared + " bytes");
            return;
        }
        if (declared > 0 || headers.contains(Headers.TRANSFER_ENCODING)) {
            exchange.setMaxEntitySize(Math.min(exchange.getMaxEntitySize(), MAX_BODY_BYTES));
            bodyDeadline(exchange);
            // the body arrives on the I/O thread, without a worker thread waiting for a slow sender
            buffered.handleRequest(exchange);
            return;
        }
        next.handleRequest(exchange);
    }

    /** Closes the connection if the request's body has not all arrived within the request timeout. */
    private void bodyDeadline(HttpServerExchange exchange) {
        XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
            if (!exchange.isRequestComplete()) {
                log.warn("{} {} from {}: body not received within {} ms, connection closed", exchange.getRequestMethod(),
                        exchange.getRequestPath(), exchange.getSourceAddress(), requestTimeoutMillis);
                IoUtils.safeClose(exchange.getConnection());
            }
        }, requestTimeoutMillis, TimeUnit.MILLISECONDS);
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            deadline.remove();
            nextListener.proceed();
        });
    }

    private void refuse(HttpServerExchange exchange, int status, String what) {
        log.warn("{} {} from {} refused with {}: {}", exchange.getRequestMethod(), abbreviated(exchange.getRequestPath()),
                exchange.getSourceAddress(), status, what);
        // the unread body, or what the oversized request may still send, is not waited for
        exchange.setPersistent(false);
        visitorPages.message(exchange, status, MessageKind.BAD_LINK);
    }

    /** Status for a form that could not be read: 413 when it was longer than the handler allows, else 400. */
    static int statusForUnreadableBody(Throwable failure) {
        return failure instanceof RequestTooBigException ? 413 : 400;
    }

    private static String abbreviated(String path) {
        return path.length() > 100 ? path.substring(0, 100) + "…" : path;
    }
}
