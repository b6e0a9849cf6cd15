package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * One phone or one address cannot inflate a venue's figures, and visitors coming from outside their gateway's
 * addresses are not counted: every page served is still recorded, flagged, and shown apart, per venue.
 */
class HonestCountingTest {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String GRANT = URLEncoder.encode("https://n123.network-auth.com/splash/grant", StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        // the tests' requests all come from 127.0.0.1
        portal = PortalUnderTest.withMoreGateways(dataDir, """
                  - id: far-meraki
                    kind: meraki
                    venue: hue-station
                    source-addresses: [203.0.113.0/24, "2001:db8::/32"]
                  - id: near-meraki
                    kind: meraki
                    venue: demo
                    source-addresses: [127.0.0.0/8]
                """, """
                counting:
                  device-limit: 3
                  device-window: 1h
                  address-limit: 8
                  address-window: 10m
                """);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private HttpResponse<String> arrive(String gateway, String mac) throws Exception {
        HttpResponse<String> page = portal.get("/meraki/" + gateway + "/?base_grant_url=" + GRANT + "&client_mac=" + mac);
        assertThat(page.statusCode()).as("the visitor is served the notice either way").isEqualTo(200);
        assertThat(page.body()).contains("name=\"v\"");
        return page;
    }

    private static String visit(HttpResponse<String> page) {
        Matcher m = VISIT.matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private JsonNode summary(String venue) throws Exception {
        HttpResponse<String> stats = portal.get("/api/stats/summary?venue=" + venue + "&from=2026-11-29&to=2026-11-29");
        assertThat(stats.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(stats.body());
    }

    @Test
    void aVisitorFromOutsideTheGatewaysAddressesIsServedButFlaggedNotCounted() throws Exception {
        String v = visit(arrive("far-meraki", "02:00:00:00:00:01"));
        assertThat(portal.postForm("/continue", "v=" + v).statusCode()).isEqualTo(303);
        assertThat(portal.postForm("/continue", "v=" + v).statusCode()).as("still acknowledged once").isEqualTo(409);
        visit(arrive("near-meraki", "02:00:00:00:00:02"));

        JsonNode hue = summary("hue-station");
        assertThat(hue.at("/totals/shown").asInt()).isZero();
        assertThat(hue.at("/totals/acknowledged").asInt()).isZero();
        assertThat(hue.at("/flagged/hue-station/total").asInt()).isEqualTo(2);
        assertThat(hue.at("/flagged/hue-station/shown").asInt()).isEqualTo(1);
        assertThat(hue.at("/flagged/hue-station/acknowledged").asInt()).isEqualTo(1);
        assertThat(hue.at("/flagged/hue-station/byReason/outside_gateway_addresses").asInt()).isEqualTo(2);

        JsonNode byDay = new ObjectMapper().readTree(portal.get("/api/stats?venue=hue-station&from=2026-11-29&to=2026-11-29").body());
        assertThat(byDay.at("/totals/shown").asInt()).as("nor in the older /api/stats").isZero();

        JsonNode demo = summary("demo");
        assertThat(demo.at("/totals/shown").asInt()).as("inside its gateway's addresses: counted").isEqualTo(1);
        assertThat(demo.at("/flagged/demo/total").asInt()).isZero();
    }

    @Test
    void onePhoneReloadingTheNoticeIsCountedUpToTheDeviceLimitThenFlagged() throws Exception {
        for (int i = 0; i < 5; i++) {
            arrive("hue-meraki", "02:00:00:00:00:0a");
        }
        JsonNode hue = summary("hue-station");
        assertThat(hue.at("/totals/shown").asInt()).isEqualTo(3);
        assertThat(hue.at("/flagged/hue-station/byReason/device_limit").asInt()).isEqualTo(2);
        assertThat(hue.at("/days/0/uniqueDevices").asInt()).isEqualTo(1);

        portal.clock.advance(Duration.ofMinutes(61));
        arrive("hue-meraki", "02:00:00:00:00:0a");
        assertThat(summary("hue-station").at("/totals/shown").asInt()).as("a new hour, a new window").isEqualTo(4);
    }

    @Test
    void oneAddressClaimingManyPhonesIsCountedUpToTheAddressLimitThenFlagged() throws Exception {
        for (int i = 0; i < 12; i++) {
            arrive("hue-meraki", String.format("02:00:00:00:01:%02x", i));
        }
        JsonNode hue = summary("hue-station");
        assertThat(hue.at("/totals/shown").asInt()).isEqualTo(8);
        assertThat(hue.at("/flagged/hue-station/byReason/address_limit").asInt()).isEqualTo(4);
        assertThat(hue.at("/flagged/hue-station/total").asInt() + hue.at("/totals/shown").asInt())
                .as("every page served is recorded, counted or flagged").isEqualTo(12);
    }

    @Test
    void theDashboardShowsTheFlaggedImpressionsPerVenueApartFromTheFigures() throws Exception {
        arrive("far-meraki", "02:00:00:00:00:01");
        portal.addUser("operator", Role.OPERATOR, Set.of(), "flagged-dashboard-1");
        String session = portal.signIn("operator", "flagged-dashboard-1");
        HttpResponse<String> dashboard = portal.get("/dashboard?venue=hue-station&from=2026-11-29&to=2026-11-29", "Cookie", session);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Flagged, not counted").contains("Bến xe Phía Nam Huế</td><td>1</td><td>1</td><td>0</td><td>0</td>");
    }
}
