package vn.bluezone.portal.web;

import static vn.bluezone.portal.notice.NoticePages.escapeHtml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.events.ImpressionFlag;
import vn.bluezone.portal.stats.FlaggedCounts;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.stats.StatsTables;
import vn.bluezone.portal.stats.SvgChart;
import vn.bluezone.portal.venue.Venues;

/**
 * The statistics dashboard: a period and venue chooser, the headline figures, charts the portal draws itself
 * (inline SVG, nothing loaded from elsewhere) and the tables behind them, each with its CSV export. Vietnamese
 * with English beneath; narrow enough for a phone.
 */
final class DashboardPage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:.8rem;color:#1a1a1a}"
            + "h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .4rem}.en{color:#555;font-size:.9em}"
            + "header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}"
            + "form.period{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#f3f6f9;padding:.6rem;border-radius:.4rem}"
            + "label{display:flex;flex-direction:column;font-size:.9rem}select,input{padding:.4rem;font-size:1rem}"
            + "button{padding:.5rem 1rem;font-size:1rem;background:#0a5ca8;color:#fff;border:0;border-radius:.3rem}"
            + ".presets a{margin-right:.8rem}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin-top:.8rem}"
            + ".card{border:1px solid #d8dee4;border-radius:.4rem;padding:.5rem}.card b{display:block;font-size:1.4rem}"
            + ".chart{width:100%;height:auto}.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem;min-width:100%}"
            + "th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .4rem;text-align:right}th:first-child,td:first-child{text-align:left;white-space:nowrap}"
            + ".note{font-size:.85rem;color:#555}@media print{form,.presets,.csv{display:none}}";

    private final Venues venues;

    DashboardPage(Venues venues) {
        this.venues = venues;
    }

    byte[] render(Staff staff, DashboardQuery query, StatsSummary s, Map<String, FlaggedCounts> flagged) {
        StringBuilder b = new StringBuilder(32_768);
        b.append("<header><div><h1>Số liệu hiển thị thông báo<br><span class=\"en\">Notice statistics</span></h1>")
                .append("<div class=\"note\">").append(escapeHtml(staff.username())).append(" · ").append(StaffPages.roleName(staff.role()))
                .append(" · <a href=\"/report\">Báo cáo tháng / Monthly report</a>")
                .append(staff.role().manages() ? " · <a href=\"/admin/venues\">Địa điểm, thiết bị / Venues, gateways</a>" : "")
                .append(staff.role().manages() ? " · <a href=\"/admin/users\">Người dùng / Users</a>" : "")
                .append(staff.role() != Role.AUTHORITY ? " · <a href=\"/admin/posters\">Áp phích, màn hình / Posters, signage</a>" : "")
                .append("</div></div>").append(StaffPages.logoutForm(staff.csrfToken()))
                .append("</header>");
        chooser(b, staff, query);
        cards(b, s);
        StatsTables.Table days = StatsTables.of(StatsTables.Name.DAYS, s);
        section(b, query, days, SvgChart.stackedBars("Impressions by day: Wi-Fi, posters, signage", shortDays(s), List.of(
                new SvgChart.Series("Hiển thị / Shown", column(s.byDay().values(), ImpressionCounts::shown)),
                new SvgChart.Series("Quay lại / Returning", column(s.byDay().values(), ImpressionCounts::returning)),
                new SvgChart.Series("Áp phích / Poster", column(s.byDay().values(), ImpressionCounts::posterScans)),
                new SvgChart.Series("Màn hình / Screen", column(s.byDay().values(), ImpressionCounts::signageScans)))));
        StatsTables.Table hours = StatsTables.of(StatsTables.Name.HOURS, s);
        section(b, query, hours, SvgChart.stackedBars("Impressions by hour of day", hours.keys(), List.of(
                new SvgChart.Series("Hiển thị / Shown", column(s.byHour(), ImpressionCounts::shown)),
                new SvgChart.Series("Quay lại / Returning", column(s.byHour(), ImpressionCounts::returning)))));
        StatsTables.Table platforms = StatsTables.of(StatsTables.Name.PLATFORMS, s);
        section(b, query, platforms, SvgChart.stackedBars("Acknowledged and not by platform", platforms.keys(), List.of(
                new SvgChart.Series("Đã xác nhận / Acknowledged", column(s.byPlatform().values(), ImpressionCounts::acknowledged)),
                new SvgChart.Series("Chưa xác nhận / Not acknowledged",
                        column(s.byPlatform().values(), c -> Math.max(0, c.shown() - c.acknowledged()))))));
        StatsTables.Table languages = StatsTables.of(StatsTables.Name.LANGUAGES, s);
        section(b, query, languages, SvgChart.stackedBars("Shown by language", languages.keys(), List.of(
                new SvgChart.Series("Hiển thị / Shown", column(s.byLanguage().values(), ImpressionCounts::shown)))));
        StatsTables.Table campaigns = StatsTables.of(StatsTables.Name.CAMPAIGNS, s);
        section(b, query, campaigns, SvgChart.stackedBars("Acknowledged and store clicks by campaign", campaigns.keys(), List.of(
                new SvgChart.Series("Đã xác nhận / Acknowledged", column(s.byCampaign().values(), ImpressionCounts::acknowledged)),
                new SvgChart.Series("Mở kho / Store clicks", column(s.byCampaign().values(), ImpressionCounts::storeClicks)))));
        flagged(b, query, flagged);
        b.append("<p class=\"note\">Số thiết bị khác nhau đếm khóa thiết bị (mã băm địa chỉ MAC); điện thoại đổi MAC ngẫu nhiên theo từng mạng, "
                + "nên đây là giới hạn trên của số người.<br><span class=\"en\">Unique devices count device keys (keyed hashes of MAC addresses); "
                + "phones use a random MAC per network, so this is an upper bound of the number of people.</span></p>"
                + "<p class=\"note\">Quét QR áp phích, màn hình: điện thoại mở mã QR của áp phích in hoặc màn hình thông tin tại địa điểm "
                + "(mỗi điện thoại tính một lần trong 10 phút); không tính vào thiết bị khác nhau.<br><span class=\"en\">Poster and signage scans: "
                + "phones that opened the QR code of a printed poster or a signage screen at the venue (each phone counted once in 10 minutes); "
                + "not included in unique devices.</span></p>");
        return page(b.toString());
    }

    private void chooser(StringBuilder b, Staff staff, DashboardQuery query) {
        b.append("<form class=\"period\" method=\"get\" action=\"/dashboard\"><label>Địa điểm <span class=\"en\">Venue</span>")
                .append("<select name=\"venue\"><option value=\"all\"").append(query.venue().equals(DashboardQuery.ALL) ? " selected" : "")
                .append(">Tất cả / All</option>");
        for (String code : staff.scope().venues()) {
            b.append("<option value=\"").append(escapeHtml(code)).append('"').append(code.equals(query.venue()) ? " selected" : "").append('>')
                    .append(escapeHtml(venues.find(code).map(v -> v.name()).orElse(code))).append("</option>");
        }
        b.append("</select></label><label>Từ ngày <span class=\"en\">From</span><input type=\"date\" name=\"from\" value=\"")
                .append(query.stats().from()).append("\"></label><label>Đến ngày <span class=\"en\">To</span><input type=\"date\" name=\"to\" value=\"")
                .append(query.stats().to()).append("\"></label><button type=\"submit\">Xem / Show</button></form><p class=\"presets\">");
        for (int days : new int[] {7, 30, 90}) {
            LocalDate to = query.stats().to();
            b.append("<a href=\"/dashboard?venue=").append(url(query.venue())).append("&amp;from=").append(to.minusDays(days - 1L))
                    .append("&amp;to=").append(to).append("\">").append(days).append(" ngày / days</a>");
        }
        b.append("</p>");
    }

    private static void cards(StringBuilder b, StatsSummary s) {
        ImpressionCounts t = s.totals();
        long unique = s.uniqueDevicesByDay().values().stream().mapToLong(Long::longValue).sum();
        b.append("<div class=\"cards\">");
        card(b, "Hiển thị", "Shown", Long.toString(t.shown()));
        card(b, "Đã xác nhận", "Acknowledged", Long.toString(t.acknowledged()));
        card(b, "Tỉ lệ xác nhận", "Acknowledgement rate", orDash(StatsTables.percent(t.acknowledgementRate())));
        card(b, "Mở kho ứng dụng", "Store clicks", Long.toString(t.storeClicks()));
        card(b, "Tỉ lệ mở kho", "Store click-through", orDash(StatsTables.percent(t.storeClickThroughRate())));
        card(b, "Quay lại", "Returning", Long.toString(t.returning()));
        card(b, "Thiết bị-ngày", "Device-days (unique per day)", Long.toString(unique));
        card(b, "Quét QR áp phích", "Poster scans", Long.toString(t.posterScans()));
        card(b, "Quét QR màn hình", "Signage scans", Long.toString(t.signageScans()));
        card(b, "Phiên RADIUS", "RADIUS sessions", Long.toString(s.sessions().count()));
        card(b, "Thời gian dùng (trung vị)", "Median dwell", s.sessions().medianDwell().map(DashboardPage::duration).orElse("–"));
        b.append("</div>");
    }

    /** Impressions recorded but not counted, per venue: never part of the figures above. */
    private void flagged(StringBuilder b, DashboardQuery query, Map<String, FlaggedCounts> flagged) {
        b.append("<section id=\"flagged\"><h2>Lượt bị đánh dấu, không tính vào số liệu <span class=\"en\">/ Flagged, not counted</span></h2>")
                .append("<p class=\"note\">Trang đã được hiển thị nhưng lượt này không tính: đến từ địa chỉ ngoài dải của thiết bị cổng, "
                        + "hoặc vượt giới hạn đếm của một thiết bị hay một địa chỉ.<br><span class=\"en\">The page was served but the impression "
                        + "is not counted: it came from outside the gateway's source addresses, or beyond one device's or one address's "
                        + "counting limit.</span></p>");
        if (flagged.values().stream().allMatch(f -> f.total() == 0)) {
            b.append("<p>Không có <span class=\"en\">/ None</span></p></section>");
            return;
        }
        b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Địa điểm / Venue</th><th scope=\"col\">Tổng / Total</th>")
                .append("<th scope=\"col\">Ngoài dải địa chỉ / Outside gateway addresses</th><th scope=\"col\">Vượt giới hạn thiết bị / Device limit</th>")
                .append("<th scope=\"col\">Vượt giới hạn địa chỉ / Address limit</th></tr></thead><tbody>");
        for (String code : query.stats().venues().keySet()) {
            FlaggedCounts f = flagged.getOrDefault(code, FlaggedCounts.NONE);
            if (f.total() == 0) {
                continue;
            }
            b.append("<tr><td>").append(escapeHtml(venues.find(code).map(v -> v.name()).orElse(code))).append("</td><td>").append(f.total());
            for (ImpressionFlag reason : List.of(ImpressionFlag.OUTSIDE_GATEWAY_ADDRESSES, ImpressionFlag.DEVICE_LIMIT, ImpressionFlag.ADDRESS_LIMIT)) {
                b.append("</td><td>").append(f.byReason().getOrDefault(reason, 0L));
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static void card(StringBuilder b, String vi, String en, String value) {
        b.append("<div class=\"card\">").append(vi).append("<br><span class=\"en\">").append(en).append("</span><b>").append(escapeHtml(value))
                .append("</b></div>");
    }

    private static void section(StringBuilder b, DashboardQuery query, StatsTables.Table table, String chartSvg) {
        b.append("<section id=\"").append(table.name().code()).append("\"><h2>").append(table.name().titleVi()).append(" <span class=\"en\">/ ")
                .append(table.name().titleEn()).append("</span></h2>").append(chartSvg)
                .append("<p class=\"csv\"><a href=\"/dashboard/export.csv?table=").append(table.name().code()).append("&amp;venue=")
                .append(url(query.venue())).append("&amp;from=").append(query.stats().from()).append("&amp;to=").append(query.stats().to())
                .append("\">Tải CSV / Download CSV</a></p><div class=\"scroll\"><table><thead><tr>");
        for (String column : table.columns()) {
            b.append("<th scope=\"col\">").append(escapeHtml(column)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> row : table.rows()) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(escapeHtml(cell)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static List<String> shortDays(StatsSummary s) {
        List<String> labels = new ArrayList<>();
        for (LocalDate day : s.byDay().keySet()) {
            labels.add(String.format(Locale.ROOT, "%02d-%02d", day.getMonthValue(), day.getDayOfMonth()));
        }
        return labels;
    }

    private static long[] column(java.util.Collection<ImpressionCounts> counts, java.util.function.ToLongFunction<ImpressionCounts> f) {
        return counts.stream().mapToLong(f).toArray();
    }

    private static String duration(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60) : minutes + " min";
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "–" : value;
    }

    private static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] page(String body) {
        return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>Số liệu / Statistics – Bluezone Wi-Fi</title><style>" + STYLE + "</style></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }
}
