package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

/** A visitor's whole way through the portal over real HTTP, including what an attacker would try. */
class VisitorFlowTest {
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-A546E; wv) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String PAYLOAD = "hid=9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9, clientip=10.231.1.10, "
            + "clientmac=02:00:0a:e7:01:0a, client_type=cpd_can, gatewayname=Hue%20Node%3a02000ae70101%20, version=9.10.0, "
            + "gatewayaddress=10.231.1.1:2050, gatewaymac=02000ae70101, originurl=http%3a%2f%2fexample.org%2fnews, clientif=br-lan, "
            + "themespec=(null), (null)(null)(null)(null)";

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

    private static String fas(String payload) {
        return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String visitToken(HttpResponse<String> page) {
        Matcher m = VISIT.matcher(page.body());
        assertThat(m.find()).as("the page has a Continue form").isTrue();
        return m.group(1);
    }

    private JsonNode totals(String venue) throws Exception {
        HttpResponse<String> stats = portal.get("/api/stats?venue=" + venue);
        assertThat(stats.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(stats.body()).get("totals");
    }

    @Test
    void anOpenNdsVisitorSeesTheNoticeContinuesAndIsSentToTheGatewayLogin() throws Exception {
        HttpResponse<String> notice = portal.get("/opennds/hue-gw/?fas=" + fas(PAYLOAD), "User-Agent", ANDROID, "Accept-Language", "ko-KR,ko;q=0.9");
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(notice.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(notice.body()).contains("<html lang=\"ko\"").contains("/store/android?v=").doesNotContain("/store/ios");
        assertThat(totals("hue-station").get("shown").asInt()).isEqualTo(1);

        String token = visitToken(notice);
        HttpResponse<String> grant = portal.postForm("/continue", "v=" + token + "&lang=ko", "User-Agent", ANDROID);
        assertThat(grant.statusCode()).isEqualTo(303);
        String location = grant.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://10.231.1.1:2050/opennds_auth/?tok=")
                .contains("&redir=http%3A%2F%2F127.0.0.1%3A")
                .contains("%2Fwelcome%3Flang%3Dko%26v%3D" + token);
        assertThat(totals("hue-station").get("acknowledged").asInt()).isEqualTo(1);

        HttpResponse<String> welcome = portal.get("/welcome?lang=ko&v=" + token, "User-Agent", ANDROID);
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.body()).contains("/store/android?v=" + token).contains("/go?v=" + token);
        HttpResponse<String> go = portal.get("/go?v=" + token);
        assertThat(go.headers().firstValue("Location")).contains("http://example.org/news");

        HttpResponse<String> store = portal.get("/store/android?v=" + token, "User-Agent", ANDROID);
        assertThat(store.statusCode()).isEqualTo(302);
        assertThat(store.headers().firstValue("Location")).contains("https://play.google.com/store/apps/details?id=com.mic.bluezone");
        assertThat(totals("hue-station").get("store_click").asInt()).isEqualTo(1);
    }

    @Test
    void aDeviceThatAcknowledgedWithinTheReminderIntervalPassesStraightToTheGatewayAndIsCountedAsReturning() throws Exception {
        String token = visitToken(portal.get("/opennds/hue-gw/?fas=" + fas(PAYLOAD), "User-Agent", ANDROID));
        assertThat(portal.postForm("/continue", "v=" + token + "&lang=vi").statusCode()).isEqualTo(303);

        portal.clock.advance(Duration.ofHours(23));
        HttpResponse<String> again = portal.get("/opennds/hue-gw/?fas=" + fas(PAYLOAD), "User-Agent", ANDROID, "Accept-Language", "vi");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("http://10.231.1.1:2050/opennds_auth/?tok=").contains("%2Fwelcome%3Flang%3Dvi%26v%3D"));
        JsonNode totals = totals("hue-station");
        assertThat(totals.get("shown").asInt()).isEqualTo(1);
        assertThat(totals.get("returning").asInt()).isEqualTo(1);

        portal.clock.advance(Duration.ofHours(2));
        HttpResponse<String> due = portal.get("/opennds/hue-gw/?fas=" + fas(PAYLOAD), "User-Agent", ANDROID);
        assertThat(due.statusCode()).as("the notice is due again after 24 h").isEqualTo(200);
        assertThat(totals("hue-station").get("shown").asInt()).isEqualTo(2);
    }

    @Test
    void aReplayedContinueIsRefusedAndNotCountedTwice() throws Exception {
        String token = visitToken(portal.get("/opennds/hue-gw/?fas=" + fas(PAYLOAD)));
        assertThat(portal.postForm("/continue", "v=" + token).statusCode()).isEqualTo(303);
        HttpResponse<String> replay = portal.postForm("/continue", "v=" + token, "Accept-Language", "vi");
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("Liên kết này đã được sử dụng".substring(0, 10)).doesNotContain("Exception");
        assertThat(totals("hue-station").get("acknowledged").asInt()).isEqualTo(1);
    }

    @Test
    void aForgedOrExpiredContinueIsRefusedWithAClearPage() throws Exception {
        String token = visitToken(portal.get("/opennds/hue-gw/?fas=" + fas(PAYLOAD)));
        String forged = token.substring(0, 40) + (token.charAt(40) == 'A' ? 'B' : 'A') + token.substring(41);
        HttpResponse<String> refused = portal.postForm("/continue", "v=" + forged, "Accept-Language", "en");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This link is not valid").doesNotContain("Exception").doesNotContain("at vn.");

        portal.clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> expired = portal.postForm("/continue", "v=" + token, "Accept-Language", "en");
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This page has expired");
        assertThat(totals("hue-station").get("acknowledged").asInt()).isZero();
    }

    @Test
    void badGatewayParametersGetAPageInTheVisitorsLanguageAndCountNothing() throws Exception {
        for (String query : new String[] {"", "fas=", "fas=@@@not-base64@@@", "fas=" + fas("hid=forged, clientmac=x"),
                "fas=" + fas(PAYLOAD.replace("10.231.1.1:2050", "203.0.113.9:80")), "fas=" + fas(PAYLOAD) + "&iv=0123456789abcdef"}) {
            HttpResponse<String> page = portal.get("/opennds/hue-gw/?" + query, "Accept-Language", "vi-VN");
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("<html lang=\"vi\"").contains("Liên kết").doesNotContain("Exception");
        }
        assertThat(totals("hue-station").get("shown").asInt()).isZero();
    }

    @Test
    void anUnknownGatewayAndAHugeQueryAreAnsweredPlainly() throws Exception {
        HttpResponse<String> unknown = portal.get("/opennds/nobody/?fas=" + fas(PAYLOAD), "Accept-Language", "fr");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<html lang=\"fr\"");
        HttpResponse<String> huge = portal.get("/opennds/hue-gw/?fas=" + "A".repeat(20_000), "Accept-Language", "en");
        assertThat(huge.statusCode()).isEqualTo(414);
        assertThat(huge.body()).contains("This link is not valid");
        HttpResponse<String> enormous = portal.get("/opennds/hue-gw/?fas=" + "A".repeat(40_000));
        assertThat(enormous.statusCode()).isGreaterThanOrEqualTo(400).isLessThan(500);
        assertThat(enormous.body()).doesNotContain("Exception");
    }

    @Test
    void theDemoVenueShowsTheNoticeAtTheRootAndContinuesToTheWelcomePage() throws Exception {
        HttpResponse<String> notice = portal.get("/", "User-Agent", "Mozilla/5.0 (Windows NT 10.0)", "Accept-Language", "de-DE");
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(notice.body()).contains("<html lang=\"vi\"").contains("lang=\"en\"").contains("class=\"qr\"");
        HttpResponse<String> grant = portal.postForm("/continue", "v=" + visitToken(notice) + "&lang=vi");
        assertThat(grant.statusCode()).isEqualTo(303);
        assertThat(grant.headers().firstValue("Location").orElseThrow()).matches("http://127\\.0\\.0\\.1:\\d+/welcome\\?lang=vi&v=.*");
        assertThat(totals("demo").get("shown").asInt()).isEqualTo(1);
        assertThat(totals("demo").get("acknowledged").asInt()).isEqualTo(1);
    }

    @Test
    void theLanguageSwitcherReRendersWithoutCountingAgain() throws Exception {
        String token = visitToken(portal.get("/opennds/hue-gw/?fas=" + fas(PAYLOAD)));
        HttpResponse<String> lao = portal.get("/notice?lang=lo&v=" + token);
        assertThat(lao.statusCode()).isEqualTo(200);
        assertThat(lao.body()).contains("<html lang=\"lo\"").contains("name=\"v\" value=\"" + token + "\"");
        assertThat(totals("hue-station").get("shown").asInt()).isEqualTo(1);
    }

    @Test
    void continueOnlyAcceptsAPostedForm() throws Exception {
        assertThat(portal.get("/continue?v=x").statusCode()).isEqualTo(405);
    }

    @Test
    void healthAndUnknownPaths() throws Exception {
        HttpResponse<String> health = portal.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ready\"");
        HttpResponse<String> missing = portal.get("/wp-admin/setup.php", "Accept-Language", "th");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<html lang=\"th\"");
    }

    @Test
    void statisticsValidateTheirParameters() throws Exception {
        assertThat(portal.get("/api/stats?venue=nowhere").statusCode()).isEqualTo(400);
        assertThat(portal.get("/api/stats?venue=demo&from=yesterday").statusCode()).isEqualTo(400);
        assertThat(portal.get("/api/stats?venue=demo&from=2026-01-01&to=2026-12-31").statusCode()).isEqualTo(200);
        assertThat(portal.get("/api/stats?venue=demo&from=2024-01-01&to=2026-12-31").statusCode()).isEqualTo(400);
        HttpResponse<String> days = portal.get("/api/stats?venue=demo&from=2026-11-27&to=2026-11-29");
        assertThat(new ObjectMapper().readTree(days.body()).get("days")).hasSize(3);
    }
}
