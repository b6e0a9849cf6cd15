package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.gateway.QueryString;
import vn.bluezone.portal.testing.PortalUnderTest;

/** A generic gateway's way through the portal over real HTTP: signed arrival, Continue, the login redirect, and the redeem API. */
class GatewayRedeemApiTest {
    private static final String MAC = "02:00:0a:e7:01:0a";
    private static final String LOGIN = "http://192.168.8.1:2080/bz-login";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = PortalUnderTest.withGenericGateways(dataDir, "");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String arrival(String gateway, String secret, String mac) throws Exception {
        String query = "mac=" + enc(mac) + "&ip=192.168.8.23&url=" + enc("http://example.com/") + "&login=" + enc(LOGIN)
                + "&ts=" + portal.clock.instant().getEpochSecond();
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "/generic/" + gateway + "/?" + query + "&sig=" + HexFormat.of().formatHex(hmac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
    }

    /** Arrival, notice and Continue: the grant token the browser brings to the gateway's login page. */
    private String tokenAfterContinue(String gateway, String secret) throws Exception {
        HttpResponse<String> notice = portal.get(arrival(gateway, secret, MAC), "Accept-Language", "en");
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        Matcher v = VISIT.matcher(notice.body());
        assertThat(v.find()).isTrue();
        HttpResponse<String> login = portal.postForm("/continue", "v=" + v.group(1) + "&lang=en");
        assertThat(login.statusCode()).isEqualTo(303);
        return tokenIn(login);
    }

    private static String tokenIn(HttpResponse<String> redirect) {
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo(LOGIN);
        return QueryString.parse(location.getRawQuery()).get("token").orElseThrow();
    }

    private HttpResponse<String> redeem(String gateway, String secret, String body) throws Exception {
        return portal.postForm("/api/gateways/" + gateway + "/redeem", body, "Authorization", "Bearer " + secret);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void aTokenIsGrantedOnceWithTheVenuesLimitsThenRefusedAsUsed() throws Exception {
        String token = tokenAfterContinue("hue-generic", PortalUnderTest.GENERIC_SECRET);
        assertThat(token).startsWith("bz1.");

        HttpResponse<String> granted = redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, "token=" + token + "&mac=02-00-0A-E7-01-0A");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("{\"granted\":true,\"mac\":\"02:00:0a:e7:01:0a\",\"session-seconds\":7200,"
                + "\"idle-seconds\":900,\"upload-kbps\":1024,\"download-kbps\":4096,\"upload-quota-mb\":100,\"download-quota-mb\":2047}");

        HttpResponse<String> again = redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, "token=" + token + "&mac=" + enc(MAC));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("granted").asBoolean()).isFalse();
        assertThat(json(again).get("reason").asText()).isEqualTo("used");

        JsonNode totals = new ObjectMapper().readTree(portal.get("/api/stats?venue=hue-station").body()).get("totals");
        assertThat(totals.get("acknowledged").asInt()).as("redeeming counts no second acknowledgement").isEqualTo(1);
    }

    @Test
    void onlyTheGatewaysOwnSecretMayRedeem() throws Exception {
        String token = tokenAfterContinue("hue-generic", PortalUnderTest.GENERIC_SECRET);
        String body = "token=" + token + "&mac=" + enc(MAC);
        HttpResponse<String> wrong = redeem("hue-generic", PortalUnderTest.DEMO_GENERIC_SECRET, body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(json(wrong).get("reason").asText()).isEqualTo("unauthorized");
        assertThat(portal.postForm("/api/gateways/hue-generic/redeem", body).statusCode()).as("no Authorization").isEqualTo(401);
        assertThat(redeem("hue-generic", "", body).statusCode()).isEqualTo(401);
        assertThat(redeem("nowhere", PortalUnderTest.GENERIC_SECRET, body).statusCode()).isEqualTo(404);
        assertThat(redeem("hue-meraki", PortalUnderTest.GENERIC_SECRET, body).statusCode()).as("not a generic gateway").isEqualTo(404);
        assertThat(redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, body).statusCode()).as("refusals did not use the token").isEqualTo(200);
    }

    @Test
    void aTokenForAnotherDeviceOrVenueExpiredOrForgedIsForbidden() throws Exception {
        String token = tokenAfterContinue("hue-generic", PortalUnderTest.GENERIC_SECRET);
        HttpResponse<String> otherDevice = redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, "token=" + token + "&mac=02:00:0a:e7:01:0b");
        assertThat(otherDevice.statusCode()).isEqualTo(403);
        assertThat(json(otherDevice).get("reason").asText()).isEqualTo("wrong-device");

        HttpResponse<String> otherVenue = redeem("demo-generic", PortalUnderTest.DEMO_GENERIC_SECRET, "token=" + token + "&mac=" + enc(MAC));
        assertThat(otherVenue.statusCode()).isEqualTo(403);
        assertThat(json(otherVenue).get("reason").asText()).isEqualTo("wrong-venue");

        String forged = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        HttpResponse<String> invalid = redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, "token=" + forged + "&mac=" + enc(MAC));
        assertThat(invalid.statusCode()).isEqualTo(403);
        assertThat(json(invalid).get("reason").asText()).isEqualTo("invalid");

        portal.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        HttpResponse<String> expired = redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, "token=" + token + "&mac=" + enc(MAC));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(json(expired).get("reason").asText()).isEqualTo("expired");
    }

    @Test
    void aMalformedBodyIsABadRequest() throws Exception {
        for (String body : new String[] {"", "token=bz1.x", "mac=" + enc(MAC), "token=bz1.x&mac=not-a-mac", "token=a%20b&mac=" + enc(MAC),
                "token=" + "x".repeat(5000) + "&mac=" + enc(MAC)}) {
            HttpResponse<String> bad = redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, body);
            assertThat(bad.statusCode()).as(body.length() > 100 ? "a long body" : body).isEqualTo(400);
            assertThat(json(bad).get("reason").asText()).isEqualTo("bad-request");
        }
    }

    @Test
    void aReturningDevicesSessionEndsWhenTheNoticeIsDueAgain() throws Exception {
        String first = tokenAfterContinue("hue-generic", PortalUnderTest.GENERIC_SECRET);
        assertThat(redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, "token=" + first + "&mac=" + enc(MAC)).statusCode()).isEqualTo(200);

        portal.clock.advance(Duration.ofHours(23));
        HttpResponse<String> pass = portal.get(arrival("hue-generic", PortalUnderTest.GENERIC_SECRET, MAC));
        assertThat(pass.statusCode()).as("a returning device goes straight to the login").isEqualTo(302);
        HttpResponse<String> granted = redeem("hue-generic", PortalUnderTest.GENERIC_SECRET, "token=" + tokenIn(pass) + "&mac=" + enc(MAC));
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(json(granted).get("session-seconds").asLong()).isEqualTo(Duration.ofHours(1).toSeconds());
    }

    @Test
    void aForgedOrStaleArrivalGetsTheBadLinkPageInTheVisitorsLanguage() throws Exception {
        String signed = arrival("hue-generic", PortalUnderTest.GENERIC_SECRET, MAC);
        HttpResponse<String> forged = portal.get(signed.replace("ip=192.168.8.23", "ip=192.168.8.24"), "Accept-Language", "vi");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("Liên kết này không hợp lệ");
        HttpResponse<String> otherSecret = portal.get(arrival("hue-generic", PortalUnderTest.DEMO_GENERIC_SECRET, MAC), "Accept-Language", "en");
        assertThat(otherSecret.statusCode()).isEqualTo(400);
        assertThat(otherSecret.body()).contains("This link is not valid");
        portal.clock.advance(Duration.ofMinutes(6));
        assertThat(portal.get(signed).statusCode()).as("signed more than 5 minutes ago").isEqualTo(400);
        assertThat(portal.get(signed.replace("/generic/hue-generic/", "/generic/nowhere/")).statusCode()).isEqualTo(404);
    }
}
