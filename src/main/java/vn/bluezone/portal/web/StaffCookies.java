package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.CookieImpl;
import java.time.Duration;

/**
 * The staff pages' cookies: HttpOnly (no script reads them), SameSite=Strict (no other site's page or link sends
 * them), Path=/, and Secure when the request came over https.
 */
final class StaffCookies {
    private StaffCookies() {
    }

    static void set(HttpServerExchange exchange, String name, String value, Duration maxAge) {
        exchange.setResponseCookie(new CookieImpl(name, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSiteMode("Strict")
                .setSecure("https".equals(exchange.getRequestScheme()))
                .setMaxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds())));
    }

    static void clear(HttpServerExchange exchange, String name) {
        set(exchange, name, "", Duration.ZERO);
    }
}
