package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
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
import vn.bluezone.portal.gateway.opennds.Authmon;
import vn.bluezone.portal.gateway.opennds.OpenNdsEncryption;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.TestCertificates;

/**
 * openNDS levels 0 and 3 over real HTTP: at level 3 the visitor waits on a self-reloading page while the
 * router's authmon fetches the client from the portal, lets it in and confirms.
 */
class AuthmonFlowTest {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String HID = "9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9";
    private static final String ROUTER_NAME = "Hue%20Node%3a02000ae70101%20";
    private static final String PAYLOAD = "hid=" + HID + ", clientip=10.231.1.10, "
            + "clientmac=02:00:0a:e7:01:0a, client_type=cpd_can, gatewayname=" + ROUTER_NAME + ", version=9.10.0, "
            + "gatewayaddress=10.231.1.1:2050, gatewaymac=02000ae70101, authdir=opennds_auth, originurl=http%3a%2f%2fexample.org%2f, "
            + "clientif=br-lan, themespec=(null), (null)(null)(null)(null)";
    private static final String IV = "0123456789abcdef";

    @TempDir
    Path dataDir;
    @TempDir
    Path certDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() throws Exception {
        TestCertificates certs = TestCertificates.authority(certDir).server("portal", "EC");
        portal = PortalUnderTest.withTls(dataDir, certs.file("portal.crt"), certs.file("portal.key"));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private String acknowledgeAtLevel3() throws Exception {
        String fas = OpenNdsEncryption.encrypt(PortalUnderTest.FASKEY, PAYLOAD, IV);
        HttpResponse<String> notice = portal.get("/opennds/hue-gw3/?fas=" + fas + "&iv=" + IV, "Accept-Language", "vi");
        assertThat(notice.statusCode()).isEqualTo(200);
        Matcher m = VISIT.matcher(notice.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        HttpResponse<String> continued = portal.postForm("/continue", "v=" + token + "&lang=vi");
        assertThat(continued.statusCode()).isEqualTo(303);
        assertThat(continued.headers().firstValue("Location")).hasValue("/connecting?lang=vi&v=" + token);
        return token;
    }

    private HttpResponse<String> authmon(String action, String payload) throws Exception {
        String body = "auth_get=" + action + "&gatewayhash=" + Authmon.gatewayHash(ROUTER_NAME) + "&payload="
                + URLEncoder.encode(Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        return portal.postForm("/opennds/hue-gw3/", body, "User-Agent", "openNDS(authmon;NDS:9.10.0;)");
    }

    @Test
    void atLevel3TheVisitorWaitsUntilAuthmonHasLetThemInThenLandsOnTheWelcomePage() throws Exception {
        String token = acknowledgeAtLevel3();

        HttpResponse<String> waiting = portal.get("/connecting?lang=vi&v=" + token);
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.body()).contains("Đang kết nối").contains("<meta http-equiv=\"refresh\" content=\"2; url=/connecting?lang=vi&amp;v=" + token);
        assertThat(waiting.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> poll = authmon("view", "none");
        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(poll.body()).startsWith("* ").contains("%20120%201024%204096%20102400%202096128%20");
        String rhid = poll.body().substring(2, 66);

        assertThat(authmon("view", "* " + rhid).body()).isEqualTo("ack");
        assertThat(authmon("view", "none").body()).as("handed out once").isEqualTo("*");

        HttpResponse<String> online = portal.get("/connecting?lang=vi&v=" + token);
        assertThat(online.statusCode()).isEqualTo(303);
        assertThat(online.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/welcome?lang=vi&v=" + token));
    }

    @Test
    void aSlowGatewayIsExplainedAndAnExpiredWaitEndsClearly() throws Exception {
        String token = acknowledgeAtLevel3();
        portal.clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> slow = portal.get("/connecting?lang=en&v=" + token);
        assertThat(slow.body()).contains("has not let you in yet").contains("Try again").doesNotContain("http-equiv=\"refresh\"");
        portal.clock.advance(Duration.ofMinutes(10));
        assertThat(portal.get("/connecting?lang=en&v=" + token).statusCode()).isEqualTo(410);
        assertThat(authmon("view", "none").body()).isEqualTo("*");
    }

    @Test
    void authmonIsRefusedWhereItHasNoBusiness() throws Exception {
        String body = "auth_get=view&gatewayhash=" + Authmon.gatewayHash(ROUTER_NAME) + "&payload=bm9uZQ%3D%3D";
        assertThat(portal.postForm("/opennds/hue-gw/", body).statusCode()).as("a level 1 gateway has no authmon").isEqualTo(404);
        assertThat(portal.postForm("/opennds/nowhere/", body).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = portal.postForm("/opennds/hue-gw3/", "auth_get=view&gatewayhash=x&payload=bm9uZQ%3D%3D");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("ERROR: gatewayhash");
        try {
            HttpResponse<String> huge = portal.postForm("/opennds/hue-gw3/", "payload=" + "A".repeat(100_000));
            assertThat(huge.statusCode()).isIn(400, 413);
        } catch (java.io.IOException closedEarly) {
            // the portal may close the connection as soon as the body passes its limit, before the client has sent it all
        }
        assertThat(authmon("view", "none").body()).as("the portal still answers authmon afterwards").isEqualTo("*");
    }

    @Test
    void aConnectingLinkWithoutAValidVisitIsRefused() throws Exception {
        assertThat(portal.get("/connecting?v=forged").statusCode()).isEqualTo(400);
        assertThat(portal.get("/connecting").statusCode()).isEqualTo(400);
    }

    @Test
    void atLevel0TheVisitorIsSentToTheGatewayWithItsClearToken() throws Exception {
        String query = "authaction=http://10.231.1.1:2050/opennds_auth/?clientip=10.231.1.10"
                + "&gatewayname=Hue%20Node%3a02000ae70101%20&tok=122985aa&redir=http%3a%2f%2fexample.org%2f";
        HttpResponse<String> notice = portal.get("/opennds/hue-gw0/?" + query);
        assertThat(notice.statusCode()).isEqualTo(200);
        Matcher m = VISIT.matcher(notice.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> continued = portal.postForm("/continue", "v=" + m.group(1) + "&lang=en");
        assertThat(continued.statusCode()).isEqualTo(303);
        assertThat(continued.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).startsWith("http://10.231.1.1:2050/opennds_auth/?tok=122985aa&redir=http%3A%2F%2F127.0.0.1%3A"));
    }
}
