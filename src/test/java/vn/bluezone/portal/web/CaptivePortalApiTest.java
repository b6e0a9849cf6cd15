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

/**
 * The RFC 8908 API over real HTTP. The test client's address is 127.0.0.1: a gateway that reports that
 * address for the visitor makes this client the one let online.
 */
class CaptivePortalApiTest {
    private static final String ACCEPT = "application/captive+json";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String PAYLOAD = "hid=9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9, clientip=%s, "
            + "clientmac=02:00:0a:e7:01:0a, gatewayname=Hue, gatewayaddress=10.231.1.1:2050, originurl=http%%3a%%2f%%2fexample.org%%2f";

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

    private JsonNode api(String gateway) throws Exception {
        HttpResponse<String> response = portal.get("/captive-portal/api/" + gateway, "Accept", ACCEPT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(ACCEPT);
        assertThat(response.headers().firstValue("Cache-Control")).contains("private");
        return new ObjectMapper().readTree(response.body());
    }

    /** An openNDS visitor at {@code clientIp} sees the notice and taps Continue: the gateway is told to let it online. */
    private void acknowledgeAtOpenNds(String clientIp) throws Exception {
        String fas = Base64.getEncoder().encodeToString(PAYLOAD.formatted(clientIp).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> notice = portal.get("/opennds/hue-gw/?fas=" + fas);
        assertThat(notice.statusCode()).isEqualTo(200);
        Matcher m = VISIT.matcher(notice.body());
        assertThat(m.find()).isTrue();
        assertThat(portal.postForm("/continue", "v=" + m.group(1)).statusCode()).isEqualTo(303);
    }

    @Test
    void aClientNotLetOnlineIsCaptiveAndIsToldWhereToStart() throws Exception {
        JsonNode captive = api("hue-gw");
        assertThat(captive.get("captive").asBoolean()).isTrue();
        assertThat(captive.get("user-portal-url").asText()).isEqualTo("http://10.231.1.1:2050/login");
        assertThat(captive.get("venue-info-url").asText()).isEqualTo("https://huebus.example.vn/wifi");
        assertThat(captive.has("seconds-remaining")).isFalse();
        assertThat(captive.has("can-extend-session")).isFalse();
    }

    @Test
    void keysThatAreNotConfiguredAreLeftOut() throws Exception {
        JsonNode demo = api("demo");
        assertThat(demo.toString()).isEqualTo("{\"captive\":true}");
        JsonNode meraki = api("hue-meraki");
        assertThat(meraki.has("user-portal-url")).isFalse();
        assertThat(meraki.get("venue-info-url").asText()).isEqualTo("https://huebus.example.vn/wifi");
    }

    @Test
    void aClientLetOnlineIsNotCaptiveAndItsSecondsCountDownWithTheClock() throws Exception {
        acknowledgeAtOpenNds("127.0.0.1");
        JsonNode online = api("hue-gw");
        assertThat(online.get("captive").asBoolean()).isFalse();
        assertThat(online.get("seconds-remaining").asLong()).as("the venue's session-timeout, 2 h").isEqualTo(7200);
        assertThat(online.get("can-extend-session").asBoolean()).isFalse();
        assertThat(online.get("user-portal-url").asText()).isEqualTo("http://10.231.1.1:2050/login");
        assertThat(api("demo").get("captive").asBoolean()).as("online through hue-gw, not through demo").isTrue();

        portal.clock.advance(Duration.ofMinutes(30));
        assertThat(api("hue-gw").get("seconds-remaining").asLong()).isEqualTo(5400);
        portal.clock.advance(Duration.ofMinutes(89).plusSeconds(59));
        assertThat(api("hue-gw").get("seconds-remaining").asLong()).isEqualTo(1);
        portal.clock.advance(Duration.ofSeconds(1));
        JsonNode over = api("hue-gw");
        assertThat(over.get("captive").asBoolean()).isTrue();
        assertThat(over.has("seconds-remaining")).isFalse();
    }

    @Test
    void aReturningDeviceIsLetOnlineAgainWithoutTheNotice() throws Exception {
        acknowledgeAtOpenNds("127.0.0.1");
        portal.clock.advance(Duration.ofHours(3));
        assertThat(api("hue-gw").get("captive").asBoolean()).isTrue();

        String fas = Base64.getEncoder().encodeToString(PAYLOAD.formatted("127.0.0.1").getBytes(StandardCharsets.UTF_8));
        assertThat(portal.get("/opennds/hue-gw/?fas=" + fas).statusCode()).as("returning: straight to the gateway").isEqualTo(302);
        JsonNode again = api("hue-gw");
        assertThat(again.get("captive").asBoolean()).isFalse();
        assertThat(again.get("seconds-remaining").asLong()).isEqualTo(7200);
    }

    @Test
    void theClientIsTheAddressTheGatewayReportedNotAnyoneWhoAsks() throws Exception {
        acknowledgeAtOpenNds("10.231.1.10");
        assertThat(api("hue-gw").get("captive").asBoolean()).as("127.0.0.1 was not let online").isTrue();
    }

    @Test
    void anUnknownGatewayIs404Json() throws Exception {
        HttpResponse<String> unknown = portal.get("/captive-portal/api/nobody", "Accept", ACCEPT);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(unknown.body()).get("error").asText()).isEqualTo("unknown gateway");
    }
}
