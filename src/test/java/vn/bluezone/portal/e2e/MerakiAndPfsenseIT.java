package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.Radclient;

/**
 * Visitors behind a Meraki-style click-through access point and behind pfSense: the redirect, the
 * notice, Continue and the gateway's own grant step; for pfSense also the PAP Access-Request pfSense
 * then sends, played by radclient.
 */
class MerakiAndPfsenseIT {
    private static final String SECRET = "pfsense-radius-secret";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = PortalUnderTest.withRadiusClient(dataDir, "hue-pfsense", SECRET);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String continueFrom(String arrival) throws Exception {
        HttpResponse<String> notice = portal.get(arrival, "Accept-Language", "en");
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        Matcher visit = VISIT.matcher(notice.body());
        assertThat(visit.find()).isTrue();
        return visit.group(1);
    }

    @Test
    void aMerakiVisitorIsSentToTheCloudsGrantUrlWhichReturnsThemToTheWelcomePage() throws Exception {
        String v = continueFrom("/meraki/hue-meraki/?base_grant_url=" + enc("https://n143.network-auth.com/splash/grant")
                + "&user_continue_url=" + enc("http://example.com/") + "&node_mac=88:15:44:aa:bb:cc&client_ip=10.0.5.23"
                + "&client_mac=3c:22:fb:11:22:33");
        HttpResponse<String> grant = portal.postForm("/continue", "v=" + v + "&lang=en");
        assertThat(grant.statusCode()).isEqualTo(303);
        assertThat(grant.headers().firstValue("Location").orElseThrow())
                .isEqualTo("https://n143.network-auth.com/splash/grant?continue_url=" + enc(portal.uri("/welcome?lang=en&v=" + v).toString())
                        + "&duration=86400");
    }

    @Test
    void aPfsenseVisitorPostsAOneTimeLoginToTheFirewallWhichPfsenseChecksWithThePortalsRadius() throws Exception {
        String v = continueFrom("/pfsense/hue-pfsense/?portal_action=" + enc("http://192.168.10.1:8002/index.php?zone=guests")
                + "&zone=guests&redirurl=" + enc("http://example.com/") + "&client_mac=00:1a:2b:3c:4d:5e&client_ip=192.168.10.50");
        HttpResponse<String> form = portal.postForm("/continue", "v=" + v + "&lang=en");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"http://192.168.10.1:8002/index.php?zone=guests\"");
        Matcher user = Pattern.compile("name=\"auth_user\" value=\"([^\"]+)\"").matcher(form.body());
        Matcher pass = Pattern.compile("name=\"auth_pass\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(user.find() && pass.find()).isTrue();

        String accessRequest = """
                User-Name = "%s"
                User-Password = "%s"
                Calling-Station-Id = "00:1a:2b:3c:4d:5e"
                Service-Type = Login-User
                NAS-Port-Type = Ethernet
                Framed-IP-Address = 192.168.10.50
                Message-Authenticator = 0x00
                """.formatted(user.group(1), pass.group(1));
        String auth = "127.0.0.1:" + portal.radius().authPort();
        Radclient.Reply accept = Radclient.send(auth, "auth", SECRET, accessRequest);
        assertThat(accept.is("Access-Accept")).as(accept.output()).isTrue();
        assertThat(accept.output()).contains("WISPr-Bandwidth-Max-Down = 4096000");
        assertThat(Radclient.send(auth, "auth", SECRET, accessRequest).is("Access-Reject")).as("the login works once").isTrue();
    }
}
