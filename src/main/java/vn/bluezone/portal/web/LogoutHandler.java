package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import vn.bluezone.portal.accounts.Accounts;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.gateway.QueryString;

/** {@code POST /logout} (form {@code csrf}): ends the browser's session and sends it to the sign-in page. */
final class LogoutHandler implements HttpHandler {
    private static final int MAX_FORM_BYTES = 4096;

    private final Accounts accounts;
    private final StaffAccess access;
    private final StaffPages pages;

    LogoutHandler(Accounts accounts, StaffAccess access, StaffPages pages) {
        this.accounts = accounts;
        this.access = access;
        this.pages = pages;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        byte[] raw = exchange.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        Optional<Staff> staff = access.signedIn(exchange);
        if (staff.isEmpty()) {
            StaffCookies.clear(exchange, StaffAccess.SESSION_COOKIE);
            Responses.redirect(exchange, 303, "/login");
            return;
        }
        QueryString form = QueryString.parse(new String(raw, StandardCharsets.UTF_8).replace('+', ' '));
        if (raw.length > MAX_FORM_BYTES || !staff.get().csrfMatches(form.get("csrf").orElse(null))) {
            Responses.html(exchange, 403, pages.message("Biểu mẫu không hợp lệ: bạn vẫn đang đăng nhập.",
                    "This form is not valid: you are still signed in.", List.of("/dashboard")));
            return;
        }
        StaffAccess.sessionId(exchange).ifPresent(accounts::logout);
        StaffCookies.clear(exchange, StaffAccess.SESSION_COOKIE);
        Responses.redirect(exchange, 303, "/login");
    }
}
