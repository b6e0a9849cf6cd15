package vn.bluezone.portal.web;

import static vn.bluezone.portal.notice.NoticePages.escapeHtml;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.stats.MonthlyReport;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsTables;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /report?month=YYYY-MM}: the monthly report for the provincial authority, print-ready (A4, the browser's
 * Print or "Save as PDF"): totals by district, by type of place and by venue, in Vietnamese with English beneath.
 * It covers the venues the signed-in staff member may read; the default month is the last full one.
 */
final class ReportHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ReportHandler.class);
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:50rem;padding:1rem;color:#111}"
            + "h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.4rem}.en{color:#555;font-size:.9em}"
            + "table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:right}"
            + "th:first-child,td:first-child{text-align:left}tfoot td{font-weight:700}.note{font-size:.8rem;color:#444}"
            + "form{margin:.6rem 0}@media print{form,.noprint{display:none}body{max-width:none}}@page{size:A4;margin:15mm}";

    private final StaffAccess access;
    private final StaffPages staffPages;
    private final StatsStore stats;
    private final Venues venues;
    private final InstantSource clock;

    ReportHandler(StaffAccess access, StaffPages staffPages, StatsStore stats, Venues venues, InstantSource clock) {
        this.access = access;
        this.staffPages = staffPages;
        this.stats = stats;
        this.venues = venues;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Optional<Staff> staff = access.signedIn(exchange);
        if (staff.isEmpty()) {
            Responses.redirect(exchange, 303, "/login?next=%2Freport");
            return;
        }
        List<VenueSettings> readable = staff.get().scope().venues().stream().flatMap(code -> venues.find(code).stream()).toList();
        if (readable.isEmpty()) {
            Responses.html(exchange, 403, staffPages.message("Tài khoản của bạn chưa được gán địa điểm nào.", "Your account has no venues.",
                    List.of("/dashboard")));
            return;
        }
        YearMonth month;
        try {
            String asked = VisitorPages.parameter(exchange, "month");
            month = asked == null || asked.isEmpty()
                    ? YearMonth.from(LocalDate.ofInstant(clock.instant(), readable.get(0).timeZone())).minusMonths(1)
                    : YearMonth.parse(asked);
        } catch (DateTimeParseException e) {
            Responses.html(exchange, 400, staffPages.message("Tháng phải có dạng 2026-11.", "The month must look like 2026-11.",
                    List.of("/report")));
            return;
        }
        try {
            Responses.html(exchange, 200, render(staff.get(), MonthlyReport.of(month, readable, stats)));
        } catch (StoreUnavailableException e) {
            log.warn("report not answered, statistics store unavailable: {}", e.getMessage());
            Responses.html(exchange, 503, staffPages.message("Chưa đọc được số liệu, vui lòng thử lại sau.",
                    "The statistics cannot be read right now; please try again shortly.", List.of("/report")));
        }
    }

    private static byte[] render(Staff staff, MonthlyReport report) {
        StringBuilder b = new StringBuilder(16_384);
        String month = report.month().getMonthValue() + "/" + report.month().getYear();
        b.append("<h1>Báo cáo hiển thị thông báo trên Wi-Fi công cộng, tháng ").append(month)
                .append("<br><span class=\"en\">Public Wi-Fi notice report, ").append(report.month()).append("</span></h1>")
                .append("<form class=\"noprint\" method=\"get\" action=\"/report\"><label>Tháng / Month <input type=\"month\" name=\"month\" value=\"")
                .append(report.month()).append("\"></label> <button type=\"submit\">Xem / Show</button> · <a href=\"/dashboard\">Bảng số liệu / Dashboard</a>"
                        + " · In bằng lệnh In của trình duyệt (Ctrl+P) / Print with the browser's Print (Ctrl+P)</form>")
                .append("<p class=\"note\">Lập bởi / Prepared by ").append(escapeHtml(staff.username())).append(" · ").append(report.byVenue().size())
                .append(" địa điểm / venues</p>");
        table(b, "Theo huyện, thị xã, thành phố", "By district", "Huyện / District", report.byDistrict(), report.total());
        table(b, "Theo loại địa điểm", "By type of place", "Loại / Type", report.byType(), report.total());
        table(b, "Theo địa điểm", "By venue", "Địa điểm / Venue", report.byVenue(), report.total());
        b.append("<p class=\"note\">Hiển thị: số lần trang thông báo được gửi tới thiết bị; đã xác nhận: số lần bấm Tiếp tục; thiết bị-ngày: tổng số "
                + "thiết bị khác nhau mỗi ngày (điện thoại đổi MAC ngẫu nhiên, nên đây là giới hạn trên của số người); quét áp phích, màn hình: số lần "
                + "điện thoại mở mã QR trên áp phích in hoặc màn hình thông tin tại địa điểm.<br><span class=\"en\">"
                + "Shown: notice pages sent to devices; acknowledged: Continue taps; device-days: distinct devices per day, summed (phones "
                + "randomise their MAC, so this is an upper bound of people); poster and signage scans: phones that opened the QR code of a "
                + "printed poster or a signage screen at the venue.</span></p>");
        return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>Báo cáo " + month + " / Report " + report.month() + "</title><style>" + STYLE
                + "</style></head><body>" + b + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    private static void table(StringBuilder b, String titleVi, String titleEn, String keyColumn, List<MonthlyReport.Line> lines,
            MonthlyReport.Line total) {
        b.append("<h2>").append(titleVi).append(" <span class=\"en\">/ ").append(titleEn).append("</span></h2><table><thead><tr><th>")
                .append(keyColumn).append("</th><th>Số địa điểm / Venues</th><th>Hiển thị / Shown</th><th>Đã xác nhận / Acknowledged</th>"
                        + "<th>Tỉ lệ / Rate</th><th>Mở kho / Store clicks</th><th>Quay lại / Returning</th><th>Thiết bị-ngày / Device-days</th>"
                        + "<th>Quét áp phích / Poster scans</th><th>Quét màn hình / Signage scans</th></tr></thead><tbody>");
        for (MonthlyReport.Line line : lines) {
            row(b, line.label().isEmpty() ? "(chưa ghi / not set)" : line.label(), line);
        }
        b.append("</tbody><tfoot>");
        row(b, "Tổng / Total", total);
        b.append("</tfoot></table>");
    }

    private static void row(StringBuilder b, String label, MonthlyReport.Line line) {
        b.append("<tr><td>").append(escapeHtml(label)).append("</td><td>").append(line.venues()).append("</td><td>").append(line.counts().shown())
                .append("</td><td>").append(line.counts().acknowledged()).append("</td><td>")
                .append(StatsTables.percent(line.counts().acknowledgementRate())).append("</td><td>").append(line.counts().storeClicks())
                .append("</td><td>").append(line.counts().returning()).append("</td><td>").append(line.deviceDays()).append("</td><td>").append(line.counts().posterScans())
                .append("</td><td>").append(line.counts().signageScans()).append("</td></tr>");
    }
}
