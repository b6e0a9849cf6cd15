package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * Operating-system connectivity probes that a gateway's DNS sent to the portal, each with the Host of the
 * site it was meant for: sent to the notice while the client is captive, the exact "online" answer once the
 * portal let it online, and captive again when its time is up.
 */
class ConnectivityProbesTest {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    /** Host, path, and what the system expects when it is online. */
    private record Probe(String host, String path, int status, String contentType, String body) {
    }

    private static final List<Probe> PROBES = List.of(
            new Probe("captive.apple.com", "/hotspot-detect.html", 200, "text/html",
                    "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"),
            new Probe("www.apple.com", "/library/test/success.html", 200, "text/html",
                    "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"),
            new Probe("connectivitycheck.gstatic.com", "/generate_204", 204, null, ""),
            new Probe("www.google.com", "/gen_204", 204, null, ""),
            new Probe("www.msftconnecttest.com", "/connecttest.txt", 200, "text/plain", "Microsoft Connect Test"),
            new Probe("www.msftconnecttest.com", "/redirect", 200, "text/plain", "Microsoft Connect Test"),
            new Probe("www.msftncsi.com", "/ncsi.txt", 200, "text/plain", "Microsoft NCSI"),
            new Probe("detectportal.firefox.com", "/success.txt", 200, "text/plain", "success\n"),
            new Probe("detectportal.firefox.com", "/canonical.html", 200, "text/html",
                    "<meta http-equiv=\"refresh\" content=\"0;url=https://support.mozilla.org/kb/captive-portal\"/>"));

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

    /** What came back for a request made the way a probe makes it: plain HTTP/1.1 with the probe's own Host. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private Answer probe(Probe probe) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", portal.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + probe.path() + " HTTP/1.1\r\nHost: " + probe.host() + "\r\nUser-Agent: CaptiveNetworkSupport wispr\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = raw.indexOf("\r\n\r\n");
            String[] head = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, raw.substring(end + 4));
        }
    }

    /** The test client (127.0.0.1) sees the demo venue's notice and taps Continue. */
    private void goOnline() throws Exception {
        HttpResponse<String> notice = portal.get("/");
        Matcher m = VISIT.matcher(notice.body());
        assertThat(m.find()).isTrue();
        assertThat(portal.postForm("/continue", "v=" + m.group(1)).statusCode()).isEqualTo(303);
    }

    private void assertSentToTheNotice(Probe probe) throws Exception {
        Answer answer = probe(probe);
        assertThat(answer.status()).as(probe.path()).isEqualTo(302);
        assertThat(answer.headers().get("location")).as(probe.path()).isEqualTo("http://127.0.0.1:" + portal.uri("/").getPort() + "/");
        assertThat(answer.headers().get("cache-control")).as(probe.path()).isEqualTo("no-store");
    }

    @Test
    void aCaptiveClientsProbesAreSentToTheNoticeWhateverTheirHost() throws Exception {
        for (Probe probe : PROBES) {
            assertSentToTheNotice(probe);
        }
        String location = probe(PROBES.get(0)).headers().get("location");
        HttpResponse<String> start = portal.get(location.substring(location.indexOf('/', "http://".length())), "Accept-Language", "en");
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.body()).contains("name=\"v\"");
    }

    @Test
    void onceOnlineEveryProbeGetsItsSystemsExactAnswerUntilTheTimeIsUp() throws Exception {
        goOnline();
        for (Probe probe : PROBES) {
            Answer answer = probe(probe);
            assertThat(answer.status()).as(probe.path()).isEqualTo(probe.status());
            assertThat(answer.body()).as(probe.path()).isEqualTo(probe.body());
            assertThat(answer.headers()).as(probe.path()).doesNotContainKey("location");
            if (probe.contentType() != null) {
                assertThat(answer.headers().get("content-type")).as(probe.path()).startsWith(probe.contentType());
            }
        }

        portal.clock.advance(Duration.ofHours(2));
        for (Probe probe : PROBES) {
            assertSentToTheNotice(probe);
        }
    }
}
