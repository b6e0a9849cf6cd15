package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.accounts.Accounts;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.gateway.QueryString;

/**
 * {@code GET /login} shows the sign-in form; {@code POST /login} checks it. The form carries a random token that
 * must equal the {@code bz_login} cookie set with it (SameSite=Strict, so another site cannot post a login for its own
 * account into this browser). A right password opens a session ({@code bz_session} cookie) and redirects (303) to
 * {@code next} when that is a path on this portal, else to {@code /dashboard}.
 */
final class LoginHandler implements HttpHandler {
    static final String FORM_COOKIE = "bz_login";
    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
    private static final int MAX_FORM_BYTES = 8192;
    private static final Duration FORM_LIFETIME = Duration.ofHours(1);
    /** A path on this portal: one leading '/', not '//' or '/\' (which browsers read as another host), no scheme. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,200}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final StaffAccess access;
    private final StaffPages pages;
    private final InstantSource clock;

    LoginHandler(Accounts accounts, StaffAccess access, StaffPages pages, InstantSource clock) {
        this.accounts = accounts;
        this.access = access;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        try {
            if (exchange.getRequestMethod().equals(Methods.POST)) {
                submitted(exchange);
            } else if (access.signedIn(exchange).isPresent()) {
                Responses.redirect(exchange, 303, safeNext(VisitorPages.parameter(exchange, "next")));
            } else {
                form(exchange, 200, safeNext(VisitorPages.parameter(exchange, "next")), "", "");
            }
        } catch (StoreUnavailableException e) {
            log.warn("staff sign-in: {}", e.getMessage());
            Responses.html(exchange, 503, pages.message("Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                    "The portal is busy; please try again in a few minutes.", List.of()));
        }
    }

    private void submitted(HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        byte[] raw = exchange.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        if (raw.length > MAX_FORM_BYTES) {
            form(exchange, 413, "/dashboard", "Biểu mẫu quá lớn.", "The form is too large.");
            return;
        }
        QueryString form = QueryString.parse(new String(raw, StandardCharsets.UTF_8).replace('+', ' '));
        String next = safeNext(form.get("next").orElse(null));
        Cookie cookie = exchange.getRequestCookie(FORM_COOKIE);
        String submittedToken = form.get("csrf").orElse("");
        if (cookie == null || submittedToken.isEmpty()
                || !MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8), submittedToken.getBytes(StandardCharsets.UTF_8))) {
            form(exchange, 403, next, "Biểu mẫu đã hết hạn hoặc không đến từ trang này. Vui lòng đăng nhập lại.",
                    "This form expired or did not come from this page. Please sign in again.");
            return;
        }
        String source = exchange.getSourceAddress().getAddress().getHostAddress();
        String username = form.get("username").orElse("");
        String shown = (username.length() > 40 ? username.substring(0, 40) : username).replaceAll("[^\\x20-\\x7e]", "?");
        Accounts.Login login = accounts.login(username, form.get("password").orElse(""), source);
        if (login instanceof Accounts.Login.SignedIn in) {
            log.info("staff {} signed in from {}", in.staff().username(), source);
            StaffCookies.clear(exchange, FORM_COOKIE);
            StaffCookies.set(exchange, StaffAccess.SESSION_COOKIE, in.opened().id(),
                    accounts.sessions().remainingLifetime(in.opened().session()));
            Responses.redirect(exchange, 303, next);
        } else if (login instanceof Accounts.Login.Throttled throttled) {
            long minutes = Math.max(1, (Duration.between(clock.instant(), throttled.until()).toSeconds() + 59) / 60);
            log.warn("staff sign-in throttled for '{}' from {}", shown, source);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, minutes * 60);
            form(exchange, 429, next, "Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau " + minutes + " phút.",
                    "Too many failed sign-ins. Please try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".");
        } else {
            log.info("staff sign-in refused for '{}' from {}", shown, source);
            form(exchange, 401, next, "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password.");
        }
    }

    /** The form with a fresh token, also set as the {@code bz_login} cookie. */
    private void form(HttpServerExchange exchange, int status, String next, String errorVi, String errorEn) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        StaffCookies.set(exchange, FORM_COOKIE, token, FORM_LIFETIME);
        Responses.html(exchange, status, pages.login(token, next, errorVi, errorEn));
    }

    /** {@code next} when it is a path on this portal, otherwise the dashboard: no open redirect. */
    static String safeNext(String next) {
        return next != null && LOCAL_PATH.matcher(next).matches() ? next : "/dashboard";
    }
}
