package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;

/** The counted QR code of posters and signage screens, {@code /q/<venue>}, over real HTTP, and where its counts show. */
class QrScanTest {
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36";
    private static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
    private static final String PASSWORD = "scan-test-pass-2026";

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private JsonNode totals(String venue) throws Exception {
        HttpResponse<String> stats = portal.get("/api/stats/summary?venue=" + venue + "&from=2026-11-29&to=2026-11-29");
        assertThat(stats.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(stats.body());
    }

    @Test
    void eachPhoneIsSentToItsOwnStoreAndTheScanIsCountedForTheVenue() throws Exception {
        HttpResponse<String> iphone = portal.get("/q/hue-station", "User-Agent", IPHONE);
        HttpResponse<String> android = portal.get("/q/hue-station", "User-Agent", ANDROID, "Accept-Language", "ko");
        HttpResponse<String> laptop = portal.get("/q/hue-station", "User-Agent", LAPTOP);

        assertThat(iphone.statusCode()).isEqualTo(302);
        assertThat(iphone.headers().firstValue("Location")).hasValue("https://apps.apple.com/vn/app/bluezone/id1508062685");
        assertThat(android.headers().firstValue("Location")).hasValue("https://play.google.com/store/apps/details?id=com.mic.bluezone");
        assertThat(laptop.headers().firstValue("Location")).as("a page that links both stores").hasValue("https://www.bluezone.gov.vn/");
        assertThat(iphone.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = totals("hue-station");
        assertThat(body.get("totals").get("poster_scan").asInt()).isEqualTo(3);
        assertThat(body.get("totals").get("signage_scan").asInt()).isZero();
        assertThat(body.get("totals").get("shown").asInt()).as("no Wi-Fi impression").isZero();
        assertThat(body.get("days").get(0).get("uniqueDevices").asInt()).as("scans are not Wi-Fi devices").isZero();
        assertThat(body.get("languages").toString()).contains("{\"language\":\"ko\",\"shown\":0,\"acknowledged\":0,\"store_click\":0,"
                + "\"returning\":0,\"poster_scan\":1,");
        assertThat(totals("demo").get("totals").get("poster_scan").asInt()).as("another venue").isZero();
    }

    @Test
    void aSignageScreensCodeCountsAsASignageScan() throws Exception {
        HttpResponse<String> scan = portal.get("/q/hue-station?s=signage", "User-Agent", ANDROID);

        assertThat(scan.statusCode()).isEqualTo(302);
        assertThat(scan.headers().firstValue("Location")).hasValue("https://play.google.com/store/apps/details?id=com.mic.bluezone");
        JsonNode totals = totals("hue-station").get("totals");
        assertThat(totals.get("signage_scan").asInt()).isEqualTo(1);
        assertThat(totals.get("poster_scan").asInt()).isZero();
        HttpResponse<String> daily = portal.get("/api/stats?venue=hue-station&from=2026-11-29&to=2026-11-29");
        assertThat(daily.body()).contains("\"signage_scan\":1").contains("\"poster_scan\":0");
    }

    @Test
    void onePhoneScanningAgainAndAgainCountsOnceInTenMinutesButAlwaysReachesTheStore() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(portal.get("/q/hue-station", "User-Agent", IPHONE).headers().firstValue("Location"))
                    .hasValue("https://apps.apple.com/vn/app/bluezone/id1508062685");
        }
        assertThat(totals("hue-station").get("totals").get("poster_scan").asInt()).isEqualTo(1);

        portal.clock.advance(Duration.ofMinutes(11));
        portal.get("/q/hue-station", "User-Agent", IPHONE);
        assertThat(totals("hue-station").get("totals").get("poster_scan").asInt()).isEqualTo(2);
    }

    @Test
    void aScannerChangingItsUserAgentIsHeldToTheLimitOfItsAddress() throws Exception {
        for (int i = 0; i < ScanThrottle.PER_ADDRESS + 10; i++) {
            assertThat(portal.get("/q/hue-station", "User-Agent", "scanner/" + i).statusCode()).isEqualTo(302);
        }
        assertThat(totals("hue-station").get("totals").get("poster_scan").asInt()).isEqualTo(ScanThrottle.PER_ADDRESS);
    }

    @Test
    void anUnknownVenueGetsAClearPageInTheVisitorsLanguageAndVietnameseOrEnglish() throws Exception {
        HttpResponse<String> english = portal.get("/q/no-such-venue", "User-Agent", IPHONE, "Accept-Language", "en");
        HttpResponse<String> vietnamese = portal.get("/q/no-such-venue", "Accept-Language", "vi");
        HttpResponse<String> french = portal.get("/q/no-such-venue", "Accept-Language", "fr");

        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(english.body()).contains("<html lang=\"en\"", "This QR code does not belong to any place registered",
                "lang=\"vi\"", "Mã QR này không thuộc địa điểm nào");
        assertThat(vietnamese.body()).contains("<html lang=\"vi\"", "Mã QR này", "lang=\"en\"", "This QR code");
        assertThat(french.body()).contains("Ce code QR", "Mã QR này").doesNotContain("This QR code");
        assertThat(portal.get("/q/hue-station%3Cscript%3E").statusCode()).isEqualTo(404);
        assertThat(totals("hue-station").get("totals").get("poster_scan").asInt()).isZero();
    }

    @Test
    void theDashboardItsCsvAndTheMonthlyReportShowPostersAndSignageNextToWifi() throws Exception {
        portal.get("/q/hue-station", "User-Agent", IPHONE);
        portal.get("/q/hue-station?s=signage", "User-Agent", IPHONE);
        portal.get("/q/hue-station?s=signage", "User-Agent", ANDROID);
        portal.addUser("province", Role.AUTHORITY, Set.of(), PASSWORD);
        String session = portal.signIn("province", PASSWORD);

        HttpResponse<String> dashboard = portal.get("/dashboard?venue=hue-station&from=2026-11-29&to=2026-11-29", "Cookie", session);
        assertThat(dashboard.body()).contains("Quét QR áp phích<br><span class=\"en\">Poster scans</span><b>1</b>",
                "Quét QR màn hình<br><span class=\"en\">Signage scans</span><b>2</b>");
        HttpResponse<String> csv = portal.get("/dashboard/export.csv?table=days&venue=hue-station&from=2026-11-29&to=2026-11-29",
                "Cookie", session);
        assertThat(csv.body().split("\r\n")[1]).isEqualTo("2026-11-29,0,0,0,0,,,1,2,0,0");
        HttpResponse<String> report = portal.get("/report?month=2026-11", "Cookie", session);
        assertThat(report.body()).contains("<th>Quét áp phích / Poster scans</th><th>Quét màn hình / Signage scans</th>")
                .contains("<tr><td>Bến xe Phía Nam Huế</td><td>1</td><td>0</td><td>0</td><td></td><td>0</td><td>0</td><td>0</td><td>1</td><td>2</td></tr>");
    }
}
