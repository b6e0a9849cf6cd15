package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.PortalSecrets;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.Radclient;

/**
 * A visitor behind a MikroTik hotspot, up to and through the RADIUS exchange: the fields the router's
 * login.html forwards, the notice, Continue, the form that posts the login to the router, and radclient
 * sending the Access-Request RouterOS would send for it.
 */
class MikrotikIT {
    private static final String SECRET = "routeros-radius-secret";
    private static final String MAC = "02:00:0A:E7:01:0D";
    private static final String CHAP_ID = "\\371";
    private static final String CHAP_CHALLENGE = "\\357\\015\\330\\013\\021\\234\\145\\245\\303\\253\\142\\246\\133\\175\\375\\316";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = PortalUnderTest.withRadiusClient(dataDir, "hue-routeros", SECRET);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String field(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as(name + " in " + page).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void aVisitorBehindRouterOsSeesTheNoticeAndTheRouterLogsThemInThroughThePortalsRadius() throws Exception {
        HttpResponse<String> notice = portal.get("/mikrotik/hue-mikrotik/?mac=" + enc(MAC) + "&ip=10.5.50.23"
                + "&link-login-only=" + enc("http://10.5.50.1/login") + "&link-orig=" + enc("http://example.com/")
                + "&chap-id=" + enc(CHAP_ID) + "&chap-challenge=" + enc(CHAP_CHALLENGE) + "&server-name=hotspot1&error=",
                "Accept-Language", "en");
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        Matcher visit = VISIT.matcher(notice.body());
        assertThat(visit.find()).isTrue();

        HttpResponse<String> login = portal.postForm("/continue", "v=" + visit.group(1) + "&lang=en");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form id=\"login\" method=\"post\" action=\"http://10.5.50.1/login\">")
                .contains("<button type=\"submit\">Continue to the Internet</button>");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'sha256-"));
        String userName = field(login.body(), "username");
        assertThat(field(login.body(), "dst")).startsWith(portal.uri("/welcome?lang=en&v=").toString());

        // the password field is RouterOS's CHAP: MD5(chap-id, password, chap-challenge)
        byte[] challenge = HexFormat.of().parseHex("ef0dd80b119c65a5c3ab62a65b7dfdce");
        String password = GrantTokens.fromSecrets(PortalSecrets.loadOrCreate(dataDir), portal.clock, Duration.ofMinutes(10))
                .passwordFor(userName);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update((byte) 0xf9);
        md5.update(password.getBytes(StandardCharsets.UTF_8));
        md5.update(challenge);
        assertThat(field(login.body(), "password")).isEqualTo(HexFormat.of().formatHex(md5.digest()));

        String accessRequest = """
                User-Name = "%s"
                CHAP-Password = "%s"
                CHAP-Challenge = 0xef0dd80b119c65a5c3ab62a65b7dfdce
                Calling-Station-Id = "%s"
                Called-Station-Id = "hotspot1"
                NAS-Port-Type = Wireless-802.11
                Service-Type = Login-User
                Framed-IP-Address = 10.5.50.23
                Message-Authenticator = 0x00
                """.formatted(userName, password, MAC);
        String auth = "127.0.0.1:" + portal.radius().authPort();
        Radclient.Reply accept = Radclient.send(auth, "auth", SECRET, accessRequest);
        assertThat(accept.is("Access-Accept")).as(accept.output()).isTrue();
        assertThat(accept.output()).contains("Mikrotik-Rate-Limit = \"1024k/4096k\"");
        assertThat(Radclient.send(auth, "auth", SECRET, accessRequest).is("Access-Reject")).as("the login works once").isTrue();
    }
}
