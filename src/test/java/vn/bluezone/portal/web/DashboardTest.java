package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;

/** The statistics dashboard and its CSV exports over real HTTP, as a venue user and an operator. */
class DashboardTest {
    private static final String PASSWORD = "dashboard-pass-2026";
    private static final String PAYLOAD = "hid=9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9, clientip=10.231.1.10, "
            + "clientmac=02:00:0a:e7:01:0a, client_type=cpd_can, gatewayname=Hue, gatewayaddress=10.231.1.1:2050, "
            + "originurl=http%3a%2f%2fexample.org%2f";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("bz_(?:login|session)=([^;]+)");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() throws Exception {
        portal = new PortalUnderTest(dataDir, "api:\n  token: machine-token-0123456789\n");
        portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), PASSWORD);
        portal.addUser("province", Role.AUTHORITY, Set.of(), PASSWORD);
        HttpResponse<String> notice = portal.get("/opennds/hue-gw/?fas="
                + Base64.getEncoder().encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8)), "Accept-Language", "vi");
        assertThat(notice.statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private String signIn(String username) throws Exception {
        HttpResponse<String> form = portal.get("/login");
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String formCookie = cookie(form);
        HttpResponse<String> in = portal.postForm("/login", "csrf=" + csrf.group(1) + "&username=" + username + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&next=%2Fdashboard", "Cookie", "bz_login=" + formCookie);
        assertThat(in.statusCode()).isEqualTo(303);
        return "bz_session=" + cookie(in);
    }

    private static String cookie(HttpResponse<String> response) {
        for (String line : response.headers().allValues("Set-Cookie")) {
            Matcher m = COOKIE.matcher(line);
            if (m.find() && !m.group(1).isEmpty()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no cookie in " + response.headers());
    }

    @Test
    void aVenueUserSeesTheirFiguresChartsAndTablesInBothLanguages() throws Exception {
        String session = signIn("hue-venue");
        HttpResponse<String> page = portal.get("/dashboard", "Cookie", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Số liệu hiển thị thông báo", "Notice statistics", "Hiển thị", "Shown", "Bến xe Phía Nam Huế")
                .contains("Theo ngày", "By day", "Theo giờ trong ngày", "By hour of day", "By platform", "By language")
                .contains("Theo chiến dịch", "By campaign", "<td>bluezone</td>")
                .doesNotContain("<option value=\"demo\"");
        assertThat(page.body().split("<svg ", -1)).as("five charts").hasSize(6);
        assertThat(page.body()).contains("<td>2026-11-29</td><td>1</td><td>0</td>");
        assertThat(page.body()).contains("/dashboard/export.csv?table=days&amp;venue=all&amp;from=2026-10-31&amp;to=2026-11-29");
    }

    @Test
    void aVenueUserCannotReadAnotherVenueByAnySpelling() throws Exception {
        String session = signIn("hue-venue");
        for (String venue : new String[] {"demo", "HUE-STATION", "%20hue-station", "nowhere"}) {
            assertThat(portal.get("/dashboard?venue=" + venue, "Cookie", session).statusCode()).as(venue).isEqualTo(403);
            assertThat(portal.get("/dashboard/export.csv?table=days&venue=" + venue, "Cookie", session).statusCode()).as(venue).isEqualTo(403);
        }
        assertThat(portal.get("/dashboard?venue=hue-station&venue=demo", "Cookie", session).body()).doesNotContain("<option value=\"demo\"");
    }

    @Test
    void theChosenPeriodIsShownAndBadPeriodsAreExplained() throws Exception {
        String session = signIn("province");
        HttpResponse<String> week = portal.get("/dashboard?venue=hue-station&from=2026-11-23&to=2026-11-29", "Cookie", session);
        assertThat(week.statusCode()).isEqualTo(200);
        assertThat(week.body().split("<tr><td>2026-11-", -1)).as("7 day rows").hasSize(8);
        HttpResponse<String> backwards = portal.get("/dashboard?from=2026-11-29&to=2026-11-01", "Cookie", session);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("Khoảng thời gian", "The period must be");
        assertThat(portal.get("/dashboard?from=yesterday", "Cookie", session).statusCode()).isEqualTo(400);
        assertThat(portal.get("/dashboard?from=2024-01-01&to=2026-11-29", "Cookie", session).statusCode()).isEqualTo(400);
    }

    @Test
    void everyTableExportsAsCsvThatSpreadsheetsRead() throws Exception {
        String session = signIn("hue-venue");
        HttpResponse<String> days = portal.get("/dashboard/export.csv?table=days&venue=hue-station&from=2026-11-28&to=2026-11-29",
                "Cookie", session);
        assertThat(days.statusCode()).isEqualTo(200);
        assertThat(days.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(days.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("bluezone-days-hue-station-2026-11-28-2026-11-29.csv"));
        assertThat(days.body().split("\r\n")).containsExactly(
                "\uFEFFNgày / Day,Hiển thị / Shown,Đã xác nhận / Acknowledged,Mở kho ứng dụng / Store clicks,Quay lại / Returning,"
                        + "Tỉ lệ xác nhận / Acknowledgement rate,Tỉ lệ mở kho / Store click-through,Quét QR áp phích / Poster scans,"
                        + "Quét QR màn hình / Signage scans,Thiết bị khác nhau / Unique devices,Phiên RADIUS / RADIUS sessions",
                "2026-11-28,0,0,0,0,,,0,0,0,0",
                "2026-11-29,1,0,0,0,0.0%,,0,0,1,0");
        for (String table : new String[] {"hours", "platforms", "languages"}) {
            assertThat(portal.get("/dashboard/export.csv?table=" + table, "Cookie", session).statusCode()).as(table).isEqualTo(200);
        }
        assertThat(portal.get("/dashboard/export.csv?table=secrets", "Cookie", session).statusCode()).isEqualTo(400);
        assertThat(portal.get("/dashboard/export.csv?table=days").statusCode()).as("no credentials").isEqualTo(401);
        assertThat(portal.get("/dashboard/export.csv?table=days", "Authorization", "Bearer machine-token-0123456789").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAuthorityPrintsAMonthlyReportByDistrictTypeAndVenue() throws Exception {
        String session = signIn("province");
        HttpResponse<String> report = portal.get("/report?month=2026-11", "Cookie", session);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("tháng 11/2026", "report, 2026-11", "Theo huyện", "By district", "By type of place", "By venue")
                .contains("<td>TP. Huế</td><td>1</td><td>1</td><td>0</td><td>0.0%</td>")
                .contains("<td>Bến xe / Bus station</td>").contains("<td>(chưa ghi / not set)</td>").contains("<td>Demo venue</td>")
                .contains("<td>Tổng / Total</td><td>2</td><td>1</td>").contains("@media print");
        assertThat(portal.get("/report", "Cookie", session).body()).as("default: the last full month").contains("2026-10");
        assertThat(portal.get("/report?month=November", "Cookie", session).statusCode()).isEqualTo(400);

        String venueSession = signIn("hue-venue");
        assertThat(portal.get("/report?month=2026-11", "Cookie", venueSession).body()).doesNotContain("Demo venue")
                .contains("<td>Tổng / Total</td><td>1</td><td>1</td>");
        assertThat(portal.get("/report").statusCode()).isEqualTo(303);
    }

    @Test
    void withoutASessionThePageAsksToSignIn() throws Exception {
        HttpResponse<String> page = portal.get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fdashboard");
    }
}
