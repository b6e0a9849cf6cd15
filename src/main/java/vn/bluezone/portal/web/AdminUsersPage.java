package vn.bluezone.portal.web;

import static vn.bluezone.portal.notice.NoticePages.escapeHtml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.accounts.User;
import vn.bluezone.portal.venue.Venues;

/**
 * The operators' page of staff accounts: the users (never their password hashes), a form to add one, and per user a
 * new password, a new API token and removal. Every form is a POST to {@code /admin/users} with the session's CSRF
 * token. Vietnamese with English beneath; every value escaped.
 */
final class AdminUsersPage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:.8rem;color:#1a1a1a}"
            + "h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .4rem}.en{color:#555;font-size:.9em}"
            + "header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}"
            + ".note{font-size:.85rem;color:#555}.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.9rem;min-width:100%}"
            + "th,td{border-bottom:1px solid #e3e3e3;padding:.4rem;text-align:left;vertical-align:top}"
            + "label{display:block;margin:.5rem 0 .2rem}input[type=text],input[type=password],select{padding:.4rem;font-size:1rem;max-width:100%}"
            + "label.check{display:inline-block;margin-right:1rem}fieldset{border:1px solid #d8dee4;border-radius:.4rem;margin:.6rem 0}"
            + "button{margin:.3rem 0;padding:.4rem .9rem;font-size:.95rem;background:#0a5ca8;color:#fff;border:0;border-radius:.3rem}"
            + "button.danger{background:#b03a2e}form.add{background:#f3f6f9;padding:.6rem;border-radius:.4rem;max-width:32rem}"
            + ".error{background:#fde8e8;border-left:4px solid #c0392b;padding:.6rem}.done{background:#e8f6ec;border-left:4px solid #2e8b57;padding:.6rem}"
            + ".token{display:block;font-size:1.1rem;padding:.6rem;background:#f3f6f9;word-break:break-all;user-select:all}";
    static final String PATH = "/admin/users";

    /** What the add form showed when it was sent back (never the passwords). */
    record AddForm(String username, String role, Set<String> venues) {
        static final AddForm EMPTY = new AddForm("", "", Set.of());
    }

    /** A line above the list: something went wrong, or something was done. */
    record Notice(boolean error, String vi, String en) {
        static Notice error(String vi, String en) {
            return new Notice(true, vi, en);
        }

        static Notice done(String vi, String en) {
            return new Notice(false, vi, en);
        }
    }

    private final Venues venues;

    AdminUsersPage(Venues venues) {
        this.venues = venues;
    }

    byte[] render(Staff staff, List<User> users, Notice notice, AddForm add) {
        StringBuilder b = new StringBuilder(8192);
        header(b, staff);
        if (notice != null) {
            b.append("<p class=\"").append(notice.error() ? "error\" role=\"alert" : "done\" role=\"status").append("\">")
                    .append(escapeHtml(notice.vi())).append("<br><span class=\"en\">").append(escapeHtml(notice.en())).append("</span></p>");
        }
        b.append("<h2>Tài khoản <span class=\"en\">/ Accounts</span></h2><div class=\"scroll\"><table><thead><tr>")
                .append("<th scope=\"col\">Tên đăng nhập<br><span class=\"en\">User name</span></th>")
                .append("<th scope=\"col\">Vai trò<br><span class=\"en\">Role</span></th>")
                .append("<th scope=\"col\">Địa điểm<br><span class=\"en\">Venues</span></th>")
                .append("<th scope=\"col\">Thao tác<br><span class=\"en\">Actions</span></th></tr></thead><tbody>");
        for (User u : users) {
            row(b, staff, u);
        }
        b.append("</tbody></table></div>");
        addForm(b, staff, add);
        return page("Người dùng / Users", b.toString());
    }

    /** The new API token, shown this once. */
    byte[] token(Staff staff, String username, String token) {
        StringBuilder b = new StringBuilder();
        header(b, staff);
        b.append("<h2>Mã API mới của ").append(escapeHtml(username)).append(" <span class=\"en\">/ New API token for ").append(escapeHtml(username))
                .append("</span></h2><code class=\"token\">").append(escapeHtml(token)).append("</code>")
                .append("<p class=\"error\" role=\"alert\">Mã này chỉ hiện một lần và sẽ không được hiển thị lại: hãy sao chép và cất giữ cẩn thận. ")
                .append("Mã cũ của người dùng này đã hết hiệu lực.<br><span class=\"en\">This token is shown only once and will not be shown again: ")
                .append("copy it now and keep it safe. This user's previous token no longer works.</span></p>")
                .append("<p><a href=\"").append(PATH).append("\">Về danh sách người dùng <span class=\"en\">/ Back to the users</span></a></p>");
        return page("Mã API / API token", b.toString());
    }

    /** A short message with one link. */
    byte[] message(String vi, String en, String href, String linkVi, String linkEn) {
        return page(en, "<h1>" + escapeHtml(vi) + "<br><span class=\"en\">" + escapeHtml(en) + "</span></h1><p><a href=\"" + escapeHtml(href) + "\">"
                + escapeHtml(linkVi) + " <span class=\"en\">/ " + escapeHtml(linkEn) + "</span></a></p>");
    }

    private static void header(StringBuilder b, Staff staff) {
        b.append("<header><div><h1>Quản lý người dùng<br><span class=\"en\">Staff accounts</span></h1><div class=\"note\">")
                .append(escapeHtml(staff.username())).append(" · ").append(StaffPages.roleName(staff.role()))
                .append(" · <a href=\"/dashboard\">Số liệu / Dashboard</a></div></div>").append(StaffPages.logoutForm(staff.csrfToken()))
                .append("</header>");
    }

    private void row(StringBuilder b, Staff staff, User u) {
        String name = escapeHtml(u.username());
        b.append("<tr><td>").append(name).append("</td><td>").append(StaffPages.roleName(u.role())).append("</td><td>");
        if (u.venues().isEmpty()) {
            b.append("Tất cả <span class=\"en\">/ All</span>");
        } else {
            b.append(String.join("<br>", u.venues().stream().map(this::venueLabel).toList()));
        }
        b.append("</td><td><details><summary>Đặt lại mật khẩu <span class=\"en\">/ Reset password</span></summary>");
        formStart(b, staff, "password").append("<input type=\"hidden\" name=\"username\" value=\"").append(name).append("\">");
        passwords(b, "new-password");
        b.append("<button type=\"submit\">Đổi mật khẩu <span>/ Change password</span></button></form></details>");
        formStart(b, staff, "token").append("<input type=\"hidden\" name=\"username\" value=\"").append(name).append("\">")
                .append("<button type=\"submit\">Mã API mới <span>/ New API token</span></button></form>");
        if (u.username().equals(staff.username())) {
            b.append("<p class=\"note\">Đây là bạn: không thể tự xóa.<br><span class=\"en\">This is you: you cannot remove yourself.</span></p>");
        } else {
            formStart(b, staff, "remove").append("<input type=\"hidden\" name=\"username\" value=\"").append(name).append("\">")
                    .append("<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> Xác nhận xóa ")
                    .append(name).append(" <span class=\"en\">/ Confirm removing ").append(name).append("</span></label>")
                    .append("<button type=\"submit\" class=\"danger\">Xóa <span>/ Remove</span></button></form>");
        }
        b.append("</td></tr>");
    }

    private void addForm(StringBuilder b, Staff staff, AddForm add) {
        b.append("<h2>Thêm người dùng <span class=\"en\">/ Add a user</span></h2>");
        formStart(b, staff, "add");
        b.append("<label>Tên đăng nhập <span class=\"en\">/ User name</span> <span class=\"note\">(3–32: a-z 0-9 . _ -)</span><br>")
                .append("<input type=\"text\" name=\"username\" required maxlength=\"32\" autocapitalize=\"none\" autocomplete=\"off\" value=\"")
                .append(escapeHtml(add.username())).append("\"></label>")
                .append("<label>Vai trò <span class=\"en\">/ Role</span><br><select name=\"role\" required>");
        for (Role role : Role.values()) {
            b.append("<option value=\"").append(role.code()).append('"').append(role.code().equals(add.role()) ? " selected" : "").append('>')
                    .append(StaffPages.roleName(role).replaceAll("<[^>]+>", "")).append("</option>");
        }
        b.append("</select></label><fieldset><legend>Địa điểm (chỉ cho vai trò Địa điểm) <span class=\"en\">/ Venues (venue role only)</span></legend>");
        for (String code : venues.codes()) {
            b.append("<label class=\"check\"><input type=\"checkbox\" name=\"venue\" value=\"").append(escapeHtml(code)).append('"')
                    .append(add.venues().contains(code) ? " checked" : "").append("> ").append(venueLabel(code)).append("</label>");
        }
        b.append("</fieldset>");
        passwords(b, "new-password");
        b.append("<button type=\"submit\">Thêm <span>/ Add</span></button></form>");
    }

    private static StringBuilder formStart(StringBuilder b, Staff staff, String action) {
        return b.append("<form method=\"post\"").append(action.equals("add") ? " class=\"add\"" : "").append(" action=\"").append(PATH).append("\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(escapeHtml(staff.csrfToken())).append("\"><input type=\"hidden\" name=\"action\" value=\"").append(action).append("\">");
    }

    private static void passwords(StringBuilder b, String autocomplete) {
        b.append("<label>Mật khẩu (ít nhất 10 ký tự) <span class=\"en\">/ Password (at least 10 characters)</span><br>")
                .append("<input type=\"password\" name=\"password\" required minlength=\"10\" autocomplete=\"").append(autocomplete).append("\"></label>")
                .append("<label>Nhập lại mật khẩu <span class=\"en\">/ Password again</span><br>")
                .append("<input type=\"password\" name=\"confirm-password\" required minlength=\"10\" autocomplete=\"").append(autocomplete)
                .append("\"></label>");
    }

    private String venueLabel(String code) {
        String name = venues.find(code).map(v -> v.name()).orElse(code);
        return escapeHtml(name) + (name.equals(code) ? "" : " <span class=\"note\">(" + escapeHtml(code) + ")</span>");
    }

    private static byte[] page(String title, String body) {
        return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + escapeHtml(title) + " – Bluezone Wi-Fi</title><style>" + STYLE + "</style></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }
}
