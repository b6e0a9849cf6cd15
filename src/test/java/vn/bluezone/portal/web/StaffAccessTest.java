package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.ApiTokens;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;

/** Who reaches the operator-only API, and the loopback rule of a portal without api.token. */
class StaffAccessTest {
    @TempDir
    Path dataDir;

    @Test
    void onlyOperatorsReachTheRadiusApi() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, "api:\n  token: machine-token-0123456789\n")) {
            portal.addUser("ops-user", Role.OPERATOR, Set.of(), "operator-password");
            portal.addUser("province", Role.AUTHORITY, Set.of(), "authority-password");
            portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), "venue-password");
            ApiTokens tokens = new ApiTokens(portal.accounts(), portal.clock);
            assertThat(portal.get("/api/radius", "Authorization", "Bearer " + tokens.issue("ops-user")).statusCode()).isEqualTo(200);
            assertThat(portal.get("/api/radius", "Authorization", "Bearer machine-token-0123456789").statusCode()).isEqualTo(200);
            assertThat(portal.get("/api/radius", "Authorization", "Bearer " + tokens.issue("province")).statusCode()).isEqualTo(403);
            HttpResponse<String> venue = portal.get("/api/radius", "Authorization", "Bearer " + tokens.issue("hue-venue"));
            assertThat(venue.statusCode()).isEqualTo(403);
            assertThat(venue.body()).contains("only operators");
            assertThat(portal.get("/api/radius").statusCode()).isEqualTo(401);
            assertThat(portal.postForm("/api/sessions/disconnect?mac=02-00-00-00-00-01", "", "Cookie", "bz_session=anything").statusCode())
                    .as("a cookie never authorizes a POST to the API").isEqualTo(401);
        }
    }

    @Test
    void withoutApiTokenALoopbackClientWithoutCredentialsIsStillTrustedButABadCredentialIsNot() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, "")) {
            portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), "venue-password");
            String token = new ApiTokens(portal.accounts(), portal.clock).issue("hue-venue");
            assertThat(portal.get("/api/stats?venue=demo").statusCode()).isEqualTo(200);
            assertThat(portal.get("/api/stats?venue=demo", "Authorization", "Bearer " + token).statusCode())
                    .as("a venue user's token keeps its scope, also from loopback").isEqualTo(403);
            assertThat(portal.get("/api/stats?venue=demo", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(portal.get("/api/stats?venue=demo", "Cookie", "bz_session=expired-or-forged").statusCode()).isEqualTo(401);
            assertThat(portal.get("/dashboard").statusCode()).as("pages need a session, also from loopback").isEqualTo(303);
        }
    }
}
