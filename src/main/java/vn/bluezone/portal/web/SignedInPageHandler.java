package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import vn.bluezone.portal.accounts.Staff;

/**
 * {@code GET /dashboard} for now: who is signed in, their role and venues, and a sign-out button. Without a session,
 * 303 to the sign-in page, which comes back here.
 */
final class SignedInPageHandler implements HttpHandler {
    private final StaffAccess access;
    private final StaffPages pages;

    SignedInPageHandler(StaffAccess access, StaffPages pages) {
        this.access = access;
        this.pages = pages;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        Optional<Staff> staff = access.signedIn(exchange);
        if (staff.isEmpty()) {
            StaffAccess.sessionId(exchange).ifPresent(expired -> StaffCookies.clear(exchange, StaffAccess.SESSION_COOKIE));
            Responses.redirect(exchange, 303, "/login?next=%2Fdashboard");
            return;
        }
        Responses.html(exchange, 200, pages.signedIn(staff.get()));
    }
}
