package vn.bluezone.portal.web;

import static vn.bluezone.portal.notice.NoticePages.escapeHtml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.NasClientSettings;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.venue.Registry;
import vn.bluezone.portal.venue.RegistryStore.Section;

/**
 * The operators' pages for venues, gateways and RADIUS clients: the list (entries of the configuration file marked
 * read-only, secrets always masked; the others with buttons to remove them or make a new secret), the form to add one,
 * the page that asks before a removal or a new secret, and the page that shows a new secret once. Vietnamese
 * with English beneath; every value from outside escaped; inline style only.
 */
final class AdminPages {
    static final String MASK = "••••";
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}"
            + "h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.5rem}.en{color:#555;font-size:.9em}"
            + "nav a{margin-right:1rem}header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}"
            + "table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.35rem;text-align:left}"
            + ".wrap{overflow-x:auto}label{display:block;margin:.7rem 0 .2rem}"
            + "input,select{width:100%;max-width:28rem;box-sizing:border-box;padding:.5rem;font-size:1rem}"
            + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;background:#0a5ca8;color:#fff;border:0;border-radius:.3rem}"
            + ".error{background:#fde8e8;border-left:4px solid #c0392b;padding:.6rem}.ok{background:#e8f6ea;border-left:4px solid #2e7d32;padding:.6rem}"
            + "pre{background:#f4f4f4;padding:.8rem;overflow-x:auto;user-select:all}.hint{color:#555;font-size:.85rem}"
            + "form.inline{display:inline}button.small{margin:.1rem .3rem .1rem 0;padding:.3rem .6rem;font-size:.85rem;background:#555}";
    private static final String FILE = "Tệp cấu hình <span class=\"en\">/ configuration file</span>";
    private static final String WEB = "Thêm trên web <span class=\"en\">/ added here</span>";

    private final Registry registry;

    AdminPages(Registry registry) {
        this.registry = registry;
    }

    /** A refusal or a problem with the form, shown above it; empty = none. */
    record Notice(boolean error, String vi, String en) {
        static final Notice NONE = new Notice(false, "", "");
    }

    byte[] venues(Staff staff, Notice notice, Map<String, String> form) {
        StringBuilder b = start(staff, "Địa điểm", "Venues", notice);
        b.append("<div class=\"wrap\"><table><thead><tr><th>Mã <span class=\"en\">/ Code</span></th><th>Tên <span class=\"en\">/ Name</span></th>")
                .append("<th>Múi giờ <span class=\"en\">/ Time zone</span></th><th>Nhắc lại sau <span class=\"en\">/ Remind every</span></th>")
                .append("<th>Phiên tối đa <span class=\"en\">/ Session timeout</span></th><th>Huyện <span class=\"en\">/ District</span></th>")
                .append("<th>Loại <span class=\"en\">/ Type</span></th><th>Nguồn <span class=\"en\">/ From</span></th><th></th></tr></thead><tbody>");
        for (VenueSettings v : registry.contents().venues()) {
            b.append("<tr><td>").append(escapeHtml(v.code())).append("</td><td>").append(escapeHtml(v.name())).append("</td><td>")
                    .append(escapeHtml(v.timeZone().getId())).append("</td><td>").append(duration(v.remindEvery())).append("</td><td>")
                    .append(duration(v.limits().sessionTimeout())).append("</td><td>").append(escapeHtml(v.district())).append("</td><td>")
                    .append(escapeHtml(v.venueType())).append("</td><td>").append(origin(Section.VENUE, v.code())).append("</td><td>")
                    .append(actions(staff, "/admin/venues", Section.VENUE, v.code(), false)).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        b.append("<h2>Thêm địa điểm <span class=\"en\">/ Add a venue</span></h2>");
        b.append(formStart("/admin/venues", staff));
        b.append(input("code", "Mã (chữ thường, số, '-')", "Code (lower-case letters, digits, '-')", form, "", "required maxlength=\"63\" pattern=\"[a-z0-9][a-z0-9-]*\""))
                .append(input("name", "Tên", "Name", form, "", "maxlength=\"120\""))
                .append(input("time-zone", "Múi giờ", "Time zone", form, "Asia/Ho_Chi_Minh", ""))
                .append(input("remind-every", "Nhắc lại thông báo sau", "Show the notice again after", form, "24h", ""))
                .append(input("session-timeout", "Thời gian phiên tối đa", "Session timeout", form, "2h", ""))
                .append(input("district", "Huyện / thị xã / thành phố", "District", form, "", "maxlength=\"80\""))
                .append(input("type", "Loại địa điểm", "Type of place", form, "", "maxlength=\"80\""))
                .append("<p class=\"hint\">Thời lượng như 30m, 2h, 1d. <span class=\"en\">Durations such as 30m, 2h, 1d.</span></p>")
                .append("<button type=\"submit\">Thêm <span>/ Add</span></button></form>");
        return page("Địa điểm / Venues", b);
    }

    byte[] gateways(Staff staff, Notice notice, Map<String, String> form) {
        StringBuilder b = start(staff, "Thiết bị cổng", "Gateways", notice);
        b.append("<div class=\"wrap\"><table><thead><tr><th>Mã <span class=\"en\">/ Id</span></th><th>Loại <span class=\"en\">/ Kind</span></th>")
                .append("<th>Địa điểm <span class=\"en\">/ Venue</span></th><th>Khoá <span class=\"en\">/ Secret</span></th>")
                .append("<th>Nguồn <span class=\"en\">/ From</span></th><th></th></tr></thead><tbody>");
        for (GatewaySettings g : registry.contents().gateways()) {
            String kind = g.kind().name().toLowerCase(Locale.ROOT) + (g.openNds() != null ? " (level " + g.openNds().level() + ")" : "");
            boolean secret = (g.openNds() != null && g.openNds().level() > 0) || g.coova() != null || g.generic() != null;
            b.append("<tr><td>").append(escapeHtml(g.id())).append("</td><td>").append(escapeHtml(kind)).append("</td><td>").append(escapeHtml(g.venue()))
                    .append("</td><td>").append(secret ? MASK : "–").append("</td><td>").append(origin(Section.GATEWAY, g.id())).append("</td><td>")
                    .append(actions(staff, "/admin/gateways", Section.GATEWAY, g.id(), secret)).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        b.append("<h2>Thêm thiết bị cổng <span class=\"en\">/ Add a gateway</span></h2>");
        b.append(formStart("/admin/gateways", staff));
        b.append(input("id", "Mã (chữ thường, số, '-')", "Id (lower-case letters, digits, '-')", form, "", "required maxlength=\"63\" pattern=\"[a-z0-9][a-z0-9-]*\""));
        b.append(select("kind", "Loại", "Kind", form.getOrDefault("kind", "opennds"),
                List.of("opennds", "coova", "mikrotik", "meraki", "pfsense", "generic")));
        b.append(select("venue", "Địa điểm", "Venue", form.getOrDefault("venue", ""),
                registry.contents().venues().stream().map(VenueSettings::code).toList()));
        b.append(select("level", "Mức openNDS (fas_secure_enabled)", "openNDS level (fas_secure_enabled)", form.getOrDefault("level", "2"),
                registry.httpsConfigured() ? List.of("1", "2", "3", "4") : List.of("1", "2")));
        b.append(input("address", "Địa chỉ thiết bị (không bắt buộc)", "Gateway address (optional)", form, "", "maxlength=\"200\""));
        b.append("<p class=\"hint\">openNDS: gatewayaddress host:port (192.168.8.1:2050); CoovaChilli: uamip:uamport (10.1.0.1:3990); "
                + "MikroTik: hotspot IPv4; pfSense: firewall IPv4; Meraki: grant domain (network-auth.com); generic: login URL. "
                + "<span class=\"en\">Empty: any private-range address. Mức openNDS chỉ dùng cho openNDS / the level applies to openNDS only. "
                + "Cổng tạo khoá bí mật và chỉ hiện một lần / the portal makes the secret and shows it once.</span></p>");
        b.append("<button type=\"submit\">Thêm <span>/ Add</span></button></form>");
        return page("Thiết bị cổng / Gateways", b);
    }

    byte[] radiusClients(Staff staff, Notice notice, Map<String, String> form) {
        StringBuilder b = start(staff, "Máy khách RADIUS", "RADIUS clients", notice);
        if (!registry.radiusEnabled()) {
            b.append("<p class=\"error\">Máy chủ RADIUS của cổng chưa bật trong tệp cấu hình.<br><span class=\"en\">"
                    + "The portal's RADIUS server is not enabled in the configuration file.</span></p>");
        }
        b.append("<div class=\"wrap\"><table><thead><tr><th>Tên <span class=\"en\">/ Name</span></th><th>Địa chỉ <span class=\"en\">/ Address</span></th>")
                .append("<th>Địa điểm <span class=\"en\">/ Venue</span></th><th>Khoá <span class=\"en\">/ Secret</span></th>")
                .append("<th>Nguồn <span class=\"en\">/ From</span></th><th></th></tr></thead><tbody>");
        for (NasClientSettings c : registry.contents().nasClients()) {
            b.append("<tr><td>").append(escapeHtml(c.name())).append("</td><td>").append(escapeHtml(c.address())).append("</td><td>")
                    .append(escapeHtml(c.venue())).append("</td><td>").append(MASK).append("</td><td>")
                    .append(origin(Section.RADIUS_CLIENT, c.name())).append("</td><td>")
                    .append(actions(staff, "/admin/radius-clients", Section.RADIUS_CLIENT, c.name(), true)).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        b.append("<h2>Thêm máy khách RADIUS <span class=\"en\">/ Add a RADIUS client</span></h2>");
        b.append(formStart("/admin/radius-clients", staff));
        b.append(input("name", "Tên (chữ thường, số, '-')", "Name (lower-case letters, digits, '-')", form, "", "required maxlength=\"63\" pattern=\"[a-z0-9][a-z0-9-]*\""))
                .append(input("address", "Địa chỉ IP hoặc khối CIDR", "IP address or CIDR block", form, "", "required maxlength=\"60\""))
                .append(select("venue", "Địa điểm", "Venue", form.getOrDefault("venue", ""),
                        registry.contents().venues().stream().map(VenueSettings::code).toList()))
                .append("<button type=\"submit\">Thêm <span>/ Add</span></button></form>");
        return page("Máy khách RADIUS / RADIUS clients", b);
    }

    /** Buttons to remove an entry added here or give it a new secret; none for the configuration file's. */
    private String actions(Staff staff, String path, Section section, String key, boolean hasSecret) {
        if (registry.configured(section, key)) {
            return "";
        }
        String remove = actionForm(staff, path, "remove", key, false, "Xoá", "Remove");
        return hasSecret ? actionForm(staff, path, "new-secret", key, false, "Khoá mới", "New secret") + remove : remove;
    }

    private static String actionForm(Staff staff, String path, String action, String key, boolean confirmed, String vi, String en) {
        return formStart(path, staff).replace("<form ", "<form class=\"inline\" ") + "<input type=\"hidden\" name=\"action\" value=\"" + action
                + "\"><input type=\"hidden\" name=\"key\" value=\"" + escapeHtml(key) + "\">"
                + (confirmed ? "<input type=\"hidden\" name=\"confirm\" value=\"yes\">" : "")
                + "<button type=\"submit\" class=\"small\" name=\"do\" value=\"" + action + "\">" + escapeHtml(vi) + " / " + escapeHtml(en)
                + "</button></form>";
    }

    /** Asks before removing an entry or replacing its secret. */
    byte[] confirm(Staff staff, String path, String action, String key, String questionVi, String questionEn) {
        StringBuilder b = start(staff, questionVi, questionEn, Notice.NONE);
        b.append(actionForm(staff, path, action, key, true, "Đồng ý", "Yes"))
                .append("<p><a href=\"").append(escapeHtml(path)).append("\">Huỷ <span class=\"en\">/ Cancel</span></a></p>");
        return page(questionEn, b);
    }

    /** The page after adding an entry with a secret, or giving it a new one: the secret and the lines to paste, this once. */
    byte[] secretOnce(Staff staff, String titleVi, String titleEn, String back, List<String> lines) {
        StringBuilder b = start(staff, titleVi, titleEn, new Notice(false,
                "Khoá bí mật chỉ hiện một lần, ngay bây giờ: hãy chép vào thiết bị.",
                "The secret is shown this once only: copy it to the device now."));
        b.append("<pre id=\"paste\">");
        for (String line : lines) {
            b.append(escapeHtml(line)).append('\n');
        }
        b.append("</pre><p><a href=\"").append(escapeHtml(back)).append("\">Quay lại danh sách <span class=\"en\">/ Back to the list</span></a></p>");
        return page(titleEn, b);
    }

    private StringBuilder start(Staff staff, String vi, String en, Notice notice) {
        StringBuilder b = new StringBuilder();
        b.append("<header><div><h1>").append(escapeHtml(vi)).append("<br><span class=\"en\">").append(escapeHtml(en)).append("</span></h1>")
                .append("<nav><a href=\"/admin/venues\">Địa điểm <span class=\"en\">/ Venues</span></a>")
                .append("<a href=\"/admin/gateways\">Thiết bị cổng <span class=\"en\">/ Gateways</span></a>")
                .append("<a href=\"/admin/radius-clients\">RADIUS</a>")
                .append("<a href=\"/admin/users\">Người dùng <span class=\"en\">/ Users</span></a>")
                .append("<a href=\"/admin/posters\">Áp phích <span class=\"en\">/ Posters</span></a>")
                .append("<a href=\"/dashboard\">Số liệu <span class=\"en\">/ Dashboard</span></a></nav>")
                .append("<div class=\"hint\">").append(escapeHtml(staff.username())).append("</div></div>")
                .append(StaffPages.logoutForm(staff.csrfToken())).append("</header>");
        if (!notice.vi().isEmpty()) {
            b.append("<p class=\"").append(notice.error() ? "error\" role=\"alert\"" : "ok\" role=\"status\"").append(">")
                    .append(escapeHtml(notice.vi())).append("<br><span class=\"en\">").append(escapeHtml(notice.en())).append("</span></p>");
        }
        return b;
    }

    private String origin(Section section, String key) {
        return registry.configured(section, key) ? FILE : WEB;
    }

    private static String formStart(String action, Staff staff) {
        return "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"csrf\" value=\"" + escapeHtml(staff.csrfToken()) + "\">";
    }

    private static String input(String name, String vi, String en, Map<String, String> form, String fallback, String attributes) {
        return "<label for=\"" + name + "\">" + escapeHtml(vi) + " <span class=\"en\">/ " + escapeHtml(en) + "</span></label><input id=\"" + name
                + "\" name=\"" + name + "\" value=\"" + escapeHtml(form.getOrDefault(name, fallback)) + "\" " + attributes + ">";
    }

    private static String select(String name, String vi, String en, String chosen, List<String> options) {
        StringBuilder b = new StringBuilder("<label for=\"" + name + "\">" + escapeHtml(vi) + " <span class=\"en\">/ " + escapeHtml(en)
                + "</span></label><select id=\"" + name + "\" name=\"" + name + "\">");
        for (String o : options) {
            b.append("<option value=\"").append(escapeHtml(o)).append('"').append(o.equals(chosen) ? " selected" : "").append('>')
                    .append(escapeHtml(o)).append("</option>");
        }
        return b.append("</select>").toString();
    }

    private static String duration(java.time.Duration d) {
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    static byte[] page(String title, StringBuilder body) {
        return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + escapeHtml(title) + " – Bluezone Wi-Fi</title><style>" + STYLE + "</style></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }
}
