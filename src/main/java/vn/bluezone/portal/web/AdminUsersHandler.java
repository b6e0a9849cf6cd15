package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.accounts.User;
import vn.bluezone.portal.accounts.UserAdmin;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.gateway.QueryString;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /admin/users}: the staff accounts, for operators only; {@code POST /admin/users} (form: csrf, action =
 * add|password|token|remove, username, ...) changes them with the same rules as the {@code user} command. Without a
 * session the browser is sent to sign in; other roles get 403; a form without this session's CSRF token gets 403 and
 * changes nothing. A new API token is shown once, on the answer to its POST.
 */
final class AdminUsersHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminUsersHandler.class);
    private static final int MAX_FORM_BYTES = 16_384;
    private static final String BACK_VI = "Về danh sách người dùng";
    private static final String BACK_EN = "Back to the users";

    private final StaffAccess access;
    private final UserAdmin users;
    private final AdminUsersPage page;

    AdminUsersHandler(StaffAccess access, UserAdmin users, Venues venues) {
        this.access = access;
        this.users = users;
        this.page = new AdminUsersPage(venues);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        boolean post = exchange.getRequestMethod().equals(Methods.POST);
        byte[] raw = new byte[0];
        if (post) {
            exchange.startBlocking();
            raw = exchange.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        }
        try {
            Optional<Staff> signedIn = access.signedIn(exchange);
            if (signedIn.isEmpty()) {
                StaffAccess.sessionId(exchange).ifPresent(expired -> StaffCookies.clear(exchange, StaffAccess.SESSION_COOKIE));
                Responses.redirect(exchange, 303, "/login?next=%2Fadmin%2Fusers");
                return;
            }
            Staff staff = signedIn.get();
            if (!staff.role().manages()) {
                Responses.html(exchange, 403, page.message("Chỉ nhà vận hành mới quản lý được người dùng.",
                        "Only operators may manage staff accounts.", "/dashboard", "Về trang số liệu", "Back to the dashboard"));
                return;
            }
            if (!post) {
                Responses.html(exchange, 200, page.render(staff, users.list(), doneNotice(exchange), AdminUsersPage.AddForm.EMPTY));
                return;
            }
            if (raw.length > MAX_FORM_BYTES) {
                Responses.html(exchange, 413, page.message("Biểu mẫu quá lớn.", "The form is too large.", AdminUsersPage.PATH, BACK_VI, BACK_EN));
                return;
            }
            Map<String, List<String>> form = parseForm(new String(raw, StandardCharsets.UTF_8));
            if (!staff.csrfMatches(first(form, "csrf"))) {
                Responses.html(exchange, 403, page.message("Biểu mẫu không hợp lệ hoặc đã hết hạn: không có gì thay đổi.",
                        "This form is not valid or has expired: nothing was changed.", AdminUsersPage.PATH, BACK_VI, BACK_EN));
                return;
            }
            submitted(exchange, staff, form);
        } catch (StoreUnavailableException e) {
            log.warn("staff accounts page: {}", e.getMessage());
            Responses.html(exchange, 503, page.message("Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                    "The portal is busy; please try again in a few minutes.", AdminUsersPage.PATH, BACK_VI, BACK_EN));
        }
    }

    private void submitted(HttpServerExchange exchange, Staff staff, Map<String, List<String>> form) {
        String action = first(form, "action");
        String username = first(form, "username").strip();
        AdminUsersPage.AddForm kept = AdminUsersPage.AddForm.EMPTY;
        try {
            switch (action) {
                case "add" -> {
                    String roleCode = first(form, "role");
                    kept = new AdminUsersPage.AddForm(username, roleCode, new LinkedHashSet<>(form.getOrDefault("venue", List.of())));
                    Role role = Role.fromCode(roleCode).orElseThrow(() -> new UserAdmin.Refused(
                            "choose a role: operator, venue or authority", "hãy chọn vai trò: nhà vận hành, địa điểm hoặc cơ quan quản lý"));
                    String password = confirmedPassword(form);
                    User added = users.add(username, role, kept.venues(), () -> password);
                    log.info("operator {} added staff user {} ({}, venues {})", staff.username(), added.username(), role.code(), added.venues());
                    done(exchange, "added", username);
                }
                case "password" -> {
                    users.changePassword(username, confirmedPassword(form));
                    log.info("operator {} set a new password for staff user {}; their sessions ended", staff.username(), username);
                    if (username.equals(staff.username())) {
                        StaffCookies.clear(exchange, StaffAccess.SESSION_COOKIE);
                        Responses.html(exchange, 200, page.message("Đã đổi mật khẩu của bạn; hãy đăng nhập lại bằng mật khẩu mới.",
                                "Your password was changed; please sign in again with the new one.", "/login?next=%2Fadmin%2Fusers",
                                "Đăng nhập", "Sign in"));
                        return;
                    }
                    done(exchange, "password", username);
                }
                case "token" -> {
                    String token = users.issueToken(username);
                    log.info("operator {} issued a new API token for staff user {}", staff.username(), username);
                    Responses.html(exchange, 200, page.token(staff, username, token));
                }
                case "remove" -> {
                    if (username.equals(staff.username())) {
                        throw new UserAdmin.Refused("you cannot remove your own account", "bạn không thể tự xóa tài khoản của mình");
                    }
                    if (!"yes".equals(first(form, "confirm"))) {
                        throw new UserAdmin.Refused("tick the confirmation box to remove '" + username + "'",
                                "hãy đánh dấu ô xác nhận để xóa '" + username + "'");
                    }
                    users.remove(username);
                    log.info("operator {} removed staff user {} with their sessions and API token", staff.username(), username);
                    done(exchange, "removed", username);
                }
                default -> throw new UserAdmin.Refused("unknown action", "thao tác không rõ");
            }
        } catch (UserAdmin.Refused refused) {
            Responses.html(exchange, 400, page.render(staff, users.list(), AdminUsersPage.Notice.error(capitalized(refused.vi()),
                    capitalized(refused.en())), kept));
        }
    }

    /** The new password, when its two entries agree. */
    private static String confirmedPassword(Map<String, List<String>> form) {
        String password = first(form, "password");
        if (!password.equals(first(form, "confirm-password"))) {
            throw new UserAdmin.Refused("the two passwords differ", "hai mật khẩu không khớp");
        }
        return password;
    }

    /** After a change, back to the list (so that reloading does not send the form again), saying what was done. */
    private static void done(HttpServerExchange exchange, String what, String username) {
        Responses.redirect(exchange, 303, AdminUsersPage.PATH + "?done=" + what + "&user=" + username);
    }

    private static AdminUsersPage.Notice doneNotice(HttpServerExchange exchange) {
        String what = VisitorPages.parameter(exchange, "done");
        String user = VisitorPages.parameter(exchange, "user");
        if (what == null || !User.isValidUsername(user)) {
            return null;
        }
        return switch (what) {
            case "added" -> AdminUsersPage.Notice.done("Đã thêm người dùng " + user + ".", "User " + user + " was added.");
            case "password" -> AdminUsersPage.Notice.done("Đã đổi mật khẩu của " + user + "; các phiên đăng nhập của họ đã kết thúc.",
                    "The password of " + user + " was changed; their sessions have ended.");
            case "removed" -> AdminUsersPage.Notice.done("Đã xóa " + user + " cùng các phiên đăng nhập và mã API.",
                    "User " + user + " was removed with their sessions and API token.");
            default -> null;
        };
    }

    /** A urlencoded form body; unlike {@link QueryString} it keeps every value of a repeated name (the venue checkboxes). */
    static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : raw.replace('+', ' ').split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = QueryString.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : QueryString.percentDecode(pair.substring(eq + 1));
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + (s.endsWith(".") ? "" : ".");
    }
}
