package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

/** The RADIUS part of the JSON API, with RADIUS off and on. */
class RadiusApiTest {
    @TempDir
    Path dataDir;

    @Test
    void withoutRadiusTheApiSaysSoAndDisconnectIsNotFound() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, "")) {
            HttpResponse<String> status = portal.get("/api/radius");
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).isEqualTo("{\"enabled\":false}");
            assertThat(portal.postForm("/api/sessions/disconnect?mac=02-00-00-00-00-01", "").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void disconnectNeedsAMacAndADeviceWithoutSessionsHasNothingToEnd() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, """
                radius:
                  host: 127.0.0.1
                  auth-port: 0
                  acct-port: 0
                  clients:
                    - {name: nas-1, address: 127.0.0.1, secret: a-long-enough-secret, venue: hue-station}
                """)) {
            assertThat(portal.get("/api/radius").body()).contains("\"enabled\":true").contains("\"access-accepts\":0");
            HttpResponse<String> bad = portal.postForm("/api/sessions/disconnect?mac=not-a-mac", "");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("MAC address");
            HttpResponse<String> none = portal.postForm("/api/sessions/disconnect?mac=02-00-00-00-00-01", "");
            assertThat(none.statusCode()).isEqualTo(200);
            assertThat(none.body()).isEqualTo("{\"mac\":\"02:00:00:00:00:01\",\"sessions\":[]}");
        }
    }
}
