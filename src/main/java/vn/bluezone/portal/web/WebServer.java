package vn.bluezone.portal.web;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.config.HttpSettings;
import vn.bluezone.portal.config.TlsCredentials;

/**
 * The visitor-facing Undertow server with bounded requests: header block, body, parameter count,
 * and time to send the request are all limited, so a slow or oversized client cannot hold the server.
 * With {@code http.tls} it also listens for HTTPS, serving the same routes: http stays, because gateways
 * send visitors to http (no HSTS, no redirect to https).
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Undertow's own limits, above the portal's ({@link RequestLimits}), which answer with a page below them. */
    private static final int PARSER_MAX_HEADER_BYTES = 2 * RequestLimits.MAX_HEADER_BYTES;
    private static final int PARSER_MAX_HEADERS = 2 * RequestLimits.MAX_HEADERS;

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;

    private WebServer(Undertow undertow, GracefulShutdownHandler graceful) {
        this.undertow = undertow;
        this.graceful = graceful;
    }

    /** @param tls the certificate and key for the HTTPS listener, present exactly when {@code settings.tls()} is */
    public static WebServer start(HttpSettings settings, Optional<TlsCredentials> tls, HttpHandler routes) {
        GracefulShutdownHandler graceful = new GracefulShutdownHandler(routes);
        int idleMillis = (int) settings.idleTimeout().toMillis();
        Undertow.Builder builder = Undertow.builder().addHttpListener(settings.port(), settings.host());
        if (settings.tls().isPresent()) {
            builder.addHttpsListener(settings.tls().get().port(), settings.host(), tls.orElseThrow().sslContext());
        }
        Undertow undertow = builder
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, PARSER_MAX_HEADER_BYTES)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, RequestLimits.MAX_BODY_BYTES)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 100)
                .setServerOption(UndertowOptions.MAX_HEADERS, PARSER_MAX_HEADERS)
                .setServerOption(UndertowOptions.MAX_COOKIES, 50)
                // A client has http.request-timeout (10 s) to send its request's headers (RequestLimits gives it as
                // long again for a body) and may stay idle between requests for http.idle-timeout. No per-read/write idle timer: it costs every request a timer update,
                // and a page (under 12 KB) fits the socket's send buffer, so a client that does not read
                // holds no server resources beyond the idle connection, which the timeout above closes.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) settings.requestTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleMillis)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setHandler(graceful)
                .build();
        undertow.start();
        return new WebServer(undertow, graceful);
    }

    /** The bound http port. */
    public int port() {
        return boundPort("http").orElseThrow();
    }

    /** The bound https port, when {@code http.tls} is configured. */
    public OptionalInt httpsPort() {
        return boundPort("https");
    }

    private OptionalInt boundPort(String protocol) {
        return undertow.getListenerInfo().stream()
                .filter(l -> l.getProtcol().equals(protocol))
                .mapToInt(l -> ((InetSocketAddress) l.getAddress()).getPort())
                .findFirst();
    }

    /**
     * Stops taking work: every request that arrives from now on is answered 503 at once (a load balancer
     * retries it on another node). Connections stay open until {@link #close}, because Undertow's way of
     * suspending a listener also closes the connections of requests still in flight.
     */
    public void stopAccepting() {
        graceful.shutdown();
    }

    /** Waits until every request that was being handled when {@link #stopAccepting} was called has been answered. */
    public boolean awaitInFlight(Duration within) {
        try {
            return graceful.awaitShutdown(Math.max(1, within.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking requests, lets those in flight finish (up to 5 s unless already awaited), then closes the listeners. */
    @Override
    public void close() {
        stopAccepting();
        if (!awaitInFlight(Duration.ofSeconds(5))) {
            log.warn("requests still in flight after 5 s; closing anyway");
        }
        undertow.stop();
    }
}
