package vn.bluezone.portal.web;

import static vn.bluezone.portal.notice.NoticePages.escapeHtml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.venue.Venues;

/**
 * The staff pages' HTML: small, inline-styled (the portal's Content-Security-Policy allows no external files), in
 * Vietnamese with English beneath. Every value from outside is escaped.
 */
final class StaffPages {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:28rem;padding:1rem;color:#1a1a1a}"
            + "h1{font-size:1.3rem}.en{color:#555;font-size:.9em}label{display:block;margin:.8rem 0 .2rem}"
            + "input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem}"
            + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;background:#0a5ca8;color:#fff;border:0;border-radius:.3rem}"
            + ".error{background:#fde8e8;border-left:4px solid #c0392b;padding:.6rem}dt{font-weight:600;margin-top:.6rem}";

    private final Venues venues;

    StaffPages(Venues venues) {
        this.venues = venues;
    }

    /** The sign-in form. {@code formToken} is also in the {@code bz_login} cookie; {@code next} is already checked to be local. */
    byte[] login(String formToken, String next, String errorVi, String errorEn) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Đăng nhập cho nhân viên<br><span class=\"en\">Staff sign-in</span></h1>");
        if (!errorVi.isEmpty()) {
            body.append("<p class=\"error\" role=\"alert\">").append(escapeHtml(errorVi)).append("<br><span class=\"en\">")
                    .append(escapeHtml(errorEn)).append("</span></p>");
        }
        body.append("<form method=\"post\" action=\"/login\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escapeHtml(formToken)).append("\">")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(escapeHtml(next)).append("\">")
                .append("<label for=\"username\">Tên đăng nhập <span class=\"en\">/ User name</span></label>")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" required maxlength=\"32\">")
                .append("<label for=\"password\">Mật khẩu <span class=\"en\">/ Password</span></label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
                .append("<button type=\"submit\">Đăng nhập <span>/ Sign in</span></button></form>");
        return page("Đăng nhập / Sign in", body.toString());
    }

    /** A short bilingual message page. */
    byte[] message(String vi, String en, List<String> links) {
        StringBuilder body = new StringBuilder("<h1>").append(escapeHtml(vi)).append("<br><span class=\"en\">").append(escapeHtml(en)).append("</span></h1>");
        for (String link : links) {
            body.append("<p><a href=\"").append(escapeHtml(link)).append("\">Đăng nhập <span class=\"en\">/ Sign in</span></a></p>");
        }
        return page(en, body.toString());
    }

    static String logoutForm(String csrfToken) {
        return "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"" + escapeHtml(csrfToken)
                + "\"><button type=\"submit\">Đăng xuất <span>/ Sign out</span></button></form>";
    }

    static String roleName(Role role) {
        return switch (role) {
            case OPERATOR -> "Nhà vận hành <span class=\"en\">/ Operator</span>";
            case VENUE -> "Địa điểm <span class=\"en\">/ Venue</span>";
            case AUTHORITY -> "Cơ quan quản lý <span class=\"en\">/ Authority</span>";
        };
    }

    private static byte[] page(String title, String body) {
        return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + escapeHtml(title) + " – Bluezone Wi-Fi</title><style>" + STYLE + "</style></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

}
