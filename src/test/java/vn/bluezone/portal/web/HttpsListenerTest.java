package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import vn.bluezone.portal.testing.TestCertificates;

/** The portal with {@code http.tls}: the same pages over https, http unchanged, links in the scheme they were asked in. */
class HttpsListenerTest {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String PAYLOAD = "hid=9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9, clientip=10.231.1.10, "
            + "clientmac=02:00:0a:e7:01:0a, gatewayname=Hue, gatewayaddress=10.231.1.1:2050, originurl=http%3a%2f%2fexample.org%2f";

    @TempDir
    Path dataDir;
    @TempDir
    Path certDir;
    private PortalUnderTest portal;
    private HttpClient https;

    @BeforeEach
    void start() throws Exception {
        TestCertificates certs = TestCertificates.authority(certDir).server("portal", "EC");
        portal = PortalUnderTest.withTls(dataDir, certs.file("portal.crt"), certs.file("portal.key"));
        https = HttpClient.newBuilder().sslContext(certs.clientTrustingAuthority()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return https.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theNoticeIsServedOverHttpsAndStillOverHttpWithoutHstsOrRedirect() throws Exception {
        HttpResponse<String> overHttps = send(HttpRequest.newBuilder(portal.httpsUri("/")).header("Accept-Language", "en").build());
        assertThat(overHttps.statusCode()).isEqualTo(200);
        assertThat(overHttps.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLSv1."));
        assertThat(overHttps.body()).contains("<html lang=\"en\"").contains("name=\"v\"");
        assertThat(overHttps.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> overHttp = portal.get("/", "Accept-Language", "en");
        assertThat(overHttp.statusCode()).isEqualTo(200);
        assertThat(overHttp.headers().firstValue("Location")).isEmpty();
        assertThat(overHttp.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void linksBuiltForAVisitorOverHttpsAreHttpsLinks() throws Exception {
        String fas = Base64.getEncoder().encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> notice = send(HttpRequest.newBuilder(portal.httpsUri("/opennds/hue-gw/?fas=" + fas)).build());
        assertThat(notice.statusCode()).isEqualTo(200);
        Matcher m = VISIT.matcher(notice.body());
        assertThat(m.find()).isTrue();

        HttpResponse<String> grant = send(HttpRequest.newBuilder(portal.httpsUri("/continue"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("v=" + m.group(1) + "&lang=en")).build());
        assertThat(grant.statusCode()).isEqualTo(303);
        String port = String.valueOf(portal.httpsUri("/").getPort());
        assertThat(grant.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("http://10.231.1.1:2050/opennds_auth/?tok=")
                .contains("&redir=https%3A%2F%2F127.0.0.1%3A" + port + "%2Fwelcome%3Flang%3Den"));
    }
}
