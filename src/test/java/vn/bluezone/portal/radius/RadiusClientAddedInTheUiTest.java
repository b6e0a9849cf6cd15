package vn.bluezone.portal.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;

/** A RADIUS client an operator adds in the web UI is answered at once, with the secret shown on adding it. */
class RadiusClientAddedInTheUiTest {
    private static final String MAC = "02-00-0A-E7-01-0A";

    @TempDir
    Path dataDir;

    @Test
    void aClientAddedInTheUiIsAnsweredWithTheSecretShownOnce() throws Exception {
        try (PortalUnderTest portal = PortalUnderTest.withRadiusClient(dataDir, "hue-nas", "configured-secret-99");
                TestNas market = new TestNas("127.0.0.6", "not-known-yet-000")) {
            int port = portal.radius().authPort();
            market.timeout(500);
            assertThat(market.exchange(request(market), port)).as("unknown before it is added").isEmpty();

            portal.addUser("operator1", Role.OPERATOR, Set.of(), "radius-ui-2026");
            String session = portal.signIn("operator1", "radius-ui-2026");
            HttpResponse<String> form = portal.get("/admin/radius-clients", "Cookie", session);
            assertThat(form.body()).contains("<td>hue-nas</td>", "<td>127.0.0.1</td>", "configuration file");
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> added = portal.postForm("/admin/radius-clients", "csrf=" + csrf.group(1)
                    + "&name=market-nas&address=127.0.0.6&venue=hue-station", "Cookie", session);
            assertThat(added.statusCode()).isEqualTo(200);
            Matcher secret = Pattern.compile("shared secret: +([A-Za-z0-9]{24,})").matcher(added.body());
            assertThat(secret.find()).isTrue();
            assertThat(added.body()).contains("auth port:       " + port + "/udp");
            assertThat(portal.get("/admin/radius-clients", "Cookie", session).body()).contains("<td>market-nas</td>").doesNotContain(secret.group(1));

            try (TestNas nas = new TestNas("127.0.0.6", secret.group(1))) {
                byte[] request = request(nas);
                byte[] reply = nas.exchange(request, port).orElseThrow(() -> new AssertionError("no answer to the added client"));
                assertThat(nas.authentic(reply, request)).isTrue();
                assertThat(reply[0]).as("Access-Reject: an unknown device").isEqualTo((byte) 3);
            }
            HttpResponse<String> again = portal.postForm("/admin/radius-clients", "csrf=" + csrf.group(1)
                    + "&name=other-nas&address=127.0.0.1&venue=hue-station", "Cookie", session);
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("already the RADIUS client &#39;hue-nas&#39;");
        }
    }

    private static byte[] request(TestNas nas) {
        return nas.accessRequest(1, TestNas.attributes().text(1, MAC).text(31, MAC), MAC, true);
    }
}
