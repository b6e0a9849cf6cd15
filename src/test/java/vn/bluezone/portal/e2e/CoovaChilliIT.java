package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
 * A visitor behind CoovaChilli, up to and through the RADIUS exchange: chilli's signed redirect (built
 * here with chilli's formula), the notice, Continue, the {@code /logon} URL the browser is sent to, then
 * radclient sending the Access-Request chilli would send for it, and chilli's redirect back.
 */
class CoovaChilliIT {
    private static final String SECRET = "chilli-radius-secret";
    private static final String MAC = "02-00-0A-E7-01-0C";
    private static final String CHALLENGE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = PortalUnderTest.withRadiusClient(dataDir, "hue-chilli", SECRET);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private static byte[] md5(byte[]... parts) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (byte[] p : parts) {
            md5.update(p);
        }
        return md5.digest();
    }

    /** The URL chilli redirects to: its parameters, then md = MD5(URL so far, uamsecret) in upper-case hex. */
    private String chilliRedirect(String query) throws Exception {
        String url = portal.uri("/coova/hue-chilli/").toString() + "?" + query;
        String md = HexFormat.of().formatHex(md5(url.getBytes(StandardCharsets.UTF_8),
                PortalUnderTest.UAMSECRET.getBytes(StandardCharsets.UTF_8))).toUpperCase(Locale.ROOT);
        return URI.create(url + "&md=" + md).getRawPath() + "?" + query + "&md=" + md;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void aVisitorBehindChilliSeesTheNoticeAndChilliLogsThemInThroughThePortalsRadius() throws Exception {
        HttpResponse<String> notice = portal.get(chilliRedirect("res=notyet&uamip=10.1.0.1&uamport=3990&challenge=" + CHALLENGE
                + "&called=00-11-22-33-44-55&mac=" + MAC + "&ip=10.1.0.23&nasid=hue-chilli&sessionid=5f3a00000001"
                + "&userurl=http%3a%2f%2fexample.com%2f"), "Accept-Language", "vi");
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        Matcher visit = VISIT.matcher(notice.body());
        assertThat(visit.find()).isTrue();

        HttpResponse<String> cont = portal.postForm("/continue", "v=" + visit.group(1) + "&lang=vi");
        assertThat(cont.statusCode()).isEqualTo(303);
        String logon = cont.headers().firstValue("Location").orElseThrow();
        assertThat(logon).startsWith("http://10.1.0.1:3990/logon?username=bz1.");
        Map<String, String> params = query(logon);

        // what chilli does with it: CHAP-Challenge = MD5(challenge, uamsecret); the response must be MD5(0, password, that)
        byte[] radiusChallenge = md5(HexFormat.of().parseHex(CHALLENGE), PortalUnderTest.UAMSECRET.getBytes(StandardCharsets.UTF_8));
        String password = GrantTokens.fromSecrets(PortalSecrets.loadOrCreate(dataDir), portal.clock, Duration.ofMinutes(10))
                .passwordFor(params.get("username"));
        assertThat(params.get("response")).isEqualTo(HexFormat.of().formatHex(
                md5(new byte[] {0}, password.getBytes(StandardCharsets.UTF_8), radiusChallenge)));

        String accessRequest = """
                User-Name = "%s"
                CHAP-Password = "%s"
                CHAP-Challenge = 0x%s
                Calling-Station-Id = "%s"
                Called-Station-Id = "00-11-22-33-44-55"
                NAS-Identifier = "hue-chilli"
                NAS-Port-Type = Wireless-802.11
                Framed-IP-Address = 10.1.0.23
                Message-Authenticator = 0x00
                """.formatted(params.get("username"), password, HexFormat.of().formatHex(radiusChallenge), MAC);
        String auth = "127.0.0.1:" + portal.radius().authPort();
        Radclient.Reply accept = Radclient.send(auth, "auth", SECRET, accessRequest);
        assertThat(accept.is("Access-Accept")).as(accept.output()).isTrue();
        assertThat(accept.output()).contains("WISPr-Bandwidth-Max-Up = 1024000").contains("ChilliSpot-Bandwidth-Max-Down = 4096");
        Radclient.Reply again = Radclient.send(auth, "auth", SECRET, accessRequest);
        assertThat(again.is("Access-Reject")).as("the login works once: " + again.output()).isTrue();

        // chilli sends the browser back with res=success and the userurl we gave it: on to the welcome page
        String welcome = params.get("userurl");
        assertThat(welcome).startsWith(portal.uri("/welcome?lang=vi&v=").toString());
        HttpResponse<String> back = portal.get(chilliRedirect("res=success&uamip=10.1.0.1&uamport=3990&mac=" + MAC
                + "&uid=" + params.get("username") + "&userurl=" + java.net.URLEncoder.encode(welcome, StandardCharsets.UTF_8)));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).contains(welcome);
        assertThat(portal.get(URI.create(welcome).getRawPath() + "?" + URI.create(welcome).getRawQuery()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRedirectNotSignedWithTheUamsecretIsRefused() throws Exception {
        HttpResponse<String> forged = portal.get("/coova/hue-chilli/?res=notyet&uamip=10.1.0.1&uamport=3990&challenge=" + CHALLENGE
                + "&mac=" + MAC + "&md=00000000000000000000000000000000");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).doesNotContain("name=\"v\"");
    }
}
