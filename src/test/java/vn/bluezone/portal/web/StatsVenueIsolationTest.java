package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.ApiTokens;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;

/** A venue user reads their own venue's statistics and never another's, however the request is spelled. */
class StatsVenueIsolationTest {
    private static final String PASSWORD = "venue-password-1";
    private static final String MACHINE_TOKEN = "machine-token-0123456789";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;
    private String venueToken;

    @BeforeEach
    void start() {
        // with api.token set, a loopback client without credentials is not trusted: these tests run on loopback
        portal = new PortalUnderTest(dataDir, "api:\n  token: " + MACHINE_TOKEN + "\n");
        portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), PASSWORD);
        portal.addUser("province", Role.AUTHORITY, Set.of(), PASSWORD);
        portal.addUser("ops-user", Role.OPERATOR, Set.of(), PASSWORD);
        venueToken = new ApiTokens(portal.accounts(), portal.clock).issue("hue-venue");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private String sessionOf(String username) throws Exception {
        HttpResponse<String> page = portal.get("/login");
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        String formCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bz_login=")).findFirst().orElseThrow();
        HttpResponse<String> in = portal.postForm("/login", "csrf=" + m.group(1) + "&username=" + username + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), "Cookie", formCookie.substring(0, formCookie.indexOf(';')));
        assertThat(in.statusCode()).isEqualTo(303);
        String session = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bz_session=")).findFirst().orElseThrow();
        return session.substring(0, session.indexOf(';'));
    }

    private int status(String query, String... headers) throws Exception {
        return portal.get("/api/stats?" + query, headers).statusCode();
    }

    @Test
    void aVenueUserReadsOnlyTheirVenueBySessionOrByToken() throws Exception {
        String[][] credentials = {{"Cookie", sessionOf("hue-venue")}, {"Authorization", "Bearer " + venueToken}};
        for (String[] as : credentials) {
            HttpResponse<String> own = portal.get("/api/stats?venue=hue-station", as);
            assertThat(own.statusCode()).as(as[0]).isEqualTo(200);
            assertThat(own.body()).contains("\"venue\":\"hue-station\"");
            assertThat(status("venue=hue%2Dstation", as)).as("percent-encoded own venue").isEqualTo(200);

            for (String other : new String[] {"venue=demo", "venue=DEMO", "venue=Demo", "venue=%64emo", "venue=%44EMO", "venue=%20demo",
                    "venue=demo%00", "venue=demo%20", "venue=HUE-STATION", "venue=hue-station%0A", "venue=unknown-venue",
                    "venue=demo&from=2026-11-01", "venue=..%2Fdemo"}) {
                HttpResponse<String> refused = portal.get("/api/stats?" + other, as);
                assertThat(refused.statusCode()).as(as[0] + " " + other).isEqualTo(403);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
                assertThat(refused.body()).doesNotContain("totals");
            }
            for (String ambiguous : new String[] {"venue=hue-station&venue=demo", "venue=demo&venue=hue-station", "venue=hue-station&venue=hue-station",
                    "", "Venue=demo", "VENUE=demo", "venue[]=demo", "venue="}) {
                HttpResponse<String> refused = portal.get("/api/stats?" + ambiguous, as);
                assertThat(refused.statusCode()).as(as[0] + " " + ambiguous).isEqualTo(400);
                assertThat(refused.body()).doesNotContain("totals");
            }
        }
    }

    @Test
    void operatorsAndTheAuthorityReadEveryVenue() throws Exception {
        for (String username : new String[] {"province", "ops-user"}) {
            String session = sessionOf(username);
            assertThat(status("venue=demo", "Cookie", session)).as(username).isEqualTo(200);
            assertThat(status("venue=hue-station", "Cookie", session)).as(username).isEqualTo(200);
            assertThat(status("venue=unknown-venue", "Cookie", session)).as(username).isEqualTo(400);
        }
        assertThat(status("venue=demo", "Authorization", "Bearer " + MACHINE_TOKEN)).as("the configured api.token").isEqualTo(200);
        String operatorToken = new ApiTokens(portal.accounts(), portal.clock).issue("ops-user");
        assertThat(status("venue=demo", "Authorization", "Bearer " + operatorToken)).isEqualTo(200);
    }

    @Test
    void withoutValidCredentialsTheApiAnswers401Json() throws Exception {
        for (String[] as : new String[][] {{"X-None", "x"}, {"Authorization", "Bearer bz_not-a-real-token"}, {"Authorization", "Bearer " + venueToken + "x"},
                {"Authorization", "Basic aHVlLXZlbnVlOnZlbnVlLXBhc3N3b3JkLTE="}, {"Cookie", "bz_session=forged-session-id"}}) {
            HttpResponse<String> refused = portal.get("/api/stats?venue=hue-station", as);
            assertThat(refused.statusCode()).as(as[1]).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(refused.body()).contains("\"error\"");
        }
    }

    @Test
    void aRemovedUsersSessionAndTokenStopWorking() throws Exception {
        String session = sessionOf("hue-venue");
        portal.accounts().remove("hue-venue");
        assertThat(status("venue=hue-station", "Cookie", session)).isEqualTo(401);
        assertThat(status("venue=hue-station", "Authorization", "Bearer " + venueToken)).isEqualTo(401);
    }
}
