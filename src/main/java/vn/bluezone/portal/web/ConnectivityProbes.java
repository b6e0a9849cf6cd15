package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import vn.bluezone.portal.access.OnlineClients;

/**
 * The connectivity checks of phones and computers, when a gateway's DNS sends them to the portal
 * (whatever their Host header): a client this node let online, at any gateway, gets the exact answer its
 * system takes for "online"; any other is sent to the portal's start page (302, not cached), which
 * makes the system open its captive-portal window there. Canned answers: no store, no page rendering.
 */
final class ConnectivityProbes {
    /** What each system expects when it is online. */
    enum Online {
        /** Apple {@code captive.apple.com/hotspot-detect.html} and {@code /library/test/success.html}. */
        APPLE(200, "text/html", "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"),
        /** Android {@code connectivitycheck.gstatic.com/generate_204}, {@code www.google.com/gen_204}. */
        ANDROID(204, null, ""),
        /** Windows {@code www.msftconnecttest.com/connecttest.txt} (and the {@code /redirect} it opens). */
        WINDOWS(200, "text/plain", "Microsoft Connect Test"),
        /** Older Windows {@code www.msftncsi.com/ncsi.txt}. */
        WINDOWS_NCSI(200, "text/plain", "Microsoft NCSI"),
        /** Firefox {@code detectportal.firefox.com/success.txt}. */
        FIREFOX(200, "text/plain", "success\n"),
        /** Firefox {@code detectportal.firefox.com/canonical.html}. */
        FIREFOX_CANONICAL(200, "text/html", "<meta http-equiv=\"refresh\" content=\"0;url=https://support.mozilla.org/kb/captive-portal\"/>");

        private final int status;
        private final String contentType;
        private final byte[] body;

        Online(int status, String contentType, String body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final OnlineClients online;
    private final PublicUrl publicUrl;

    ConnectivityProbes(OnlineClients online, PublicUrl publicUrl) {
        this.online = online;
        this.publicUrl = publicUrl;
    }

    /** The handler of one probe URL. */
    HttpHandler answering(Online answer) {
        return exchange -> {
            if (isOnline(exchange)) {
                exchange.setStatusCode(answer.status);
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
                if (answer.contentType == null) {
                    exchange.endExchange();
                } else {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, answer.contentType);
                    exchange.getResponseSender().send(ByteBuffer.wrap(answer.body));
                }
            } else {
                // the Host is the probe's site (captive.apple.com, ...): send the visitor to the address that reached us
                Responses.redirect(exchange, 302, publicUrl.reached(exchange) + "/");
            }
        };
    }

    private boolean isOnline(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source != null && source.getAddress() != null && online.isOnline(source.getAddress());
    }
}
