package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Optional;
import vn.bluezone.portal.accounts.Accounts;
import vn.bluezone.portal.accounts.Staff;

/**
 * Who sent a staff request. Handlers ask one of two questions:
 * <ul>
 * <li>{@link #signedIn} for pages: the browser session of the {@code bz_session} cookie, nothing else;</li>
 * <li>{@link #apiCaller} for {@code /api/}: {@code Authorization: Bearer bz_...} (a user's API token), the
 * configuration's {@code api.token} (an operator), the session cookie on GET and HEAD only (so a cookie alone never
 * changes anything), and, only when no {@code api.token} is configured and no credential was sent, a client on the
 * portal host itself (an operator; the behaviour of {@code /api/} before accounts).</li>
 * </ul>
 * Then {@code staff.scope().mayRead(venueCode)} says whether a venue's numbers may be shown, and
 * {@code staff.csrfMatches(formValue)} whether a posted form came from the portal's own page. May read the store:
 * call off I/O threads.
 */
public final class StaffAccess {
    static final String SESSION_COOKIE = "bz_session";
    private static final String BEARER = "Bearer ";

    private final Accounts accounts;
    private final ApiAccess machineAccess;

    StaffAccess(Accounts accounts, ApiAccess machineAccess) {
        this.accounts = accounts;
        this.machineAccess = machineAccess;
    }

    /** The staff member signed in with this browser. */
    public Optional<Staff> signedIn(HttpServerExchange exchange) {
        return sessionId(exchange).flatMap(accounts::bySession);
    }

    /** The caller of a JSON API request. */
    public Optional<Staff> apiCaller(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization != null && authorization.startsWith(BEARER)) {
            Optional<Staff> holder = accounts.byApiToken(authorization.substring(BEARER.length()).strip());
            if (holder.isPresent()) {
                return holder;
            }
            return machineAccess.bearsToken(exchange) ? Optional.of(accounts.machine("api.token")) : Optional.empty();
        }
        boolean reading = exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD);
        if (reading && sessionId(exchange).isPresent()) {
            return signedIn(exchange);
        }
        if (authorization == null && machineAccess.loopbackTrusted(exchange)) {
            return Optional.of(accounts.machine("loopback"));
        }
        return Optional.empty();
    }

    static Optional<String> sessionId(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
        return cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
