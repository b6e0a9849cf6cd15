package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

class ApiAccessTest {
    @TempDir
    Path dataDir;

    @Test
    void withATokenConfiguredTheApiWantsIt() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, "api:\n  token: a-long-enough-api-token\n")) {
            assertThat(portal.get("/api/stats?venue=demo").statusCode()).isEqualTo(401);
            assertThat(portal.get("/api/stats?venue=demo", "Authorization", "Bearer wrong-token-wrong-token").statusCode()).isEqualTo(401);
            assertThat(portal.get("/api/stats?venue=demo", "Authorization", "Bearer a-long-enough-api-token").statusCode()).isEqualTo(200);
        }
    }
}
