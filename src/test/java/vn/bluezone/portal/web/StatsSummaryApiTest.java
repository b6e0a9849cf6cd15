package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

/** {@code GET /api/stats/summary} over real HTTP: the figures after a visit, the bounds, the errors. */
class StatsSummaryApiTest {
    private static final String TOKEN = "stats-api-token-0123456789";
    private static final String[] BEARER = {"Authorization", "Bearer " + TOKEN};

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "api:\n  token: " + TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private HttpResponse<String> summary(String query) throws Exception {
        return portal.get("/api/stats/summary" + query, BEARER);
    }

    @Test
    void aVisitShowsUpInEveryTableOfTheDay() throws Exception {
        assertThat(portal.get("/", "User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)", "Accept-Language", "en").statusCode())
                .isEqualTo(200);

        HttpResponse<String> response = summary("?venue=demo&venue=hue-station&from=2026-11-28&to=2026-11-29");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("venues").toString()).isEqualTo("{\"demo\":\"Asia/Ho_Chi_Minh\",\"hue-station\":\"Asia/Ho_Chi_Minh\"}");
        assertThat(body.get("totals").toString()).isEqualTo(
                "{\"shown\":1,\"acknowledged\":0,\"store_click\":0,\"returning\":0,\"poster_scan\":0,\"signage_scan\":0,"
                        + "\"acknowledgementRate\":0.0,\"storeClickThroughRate\":null}");
        assertThat(body.get("days")).hasSize(2);
        JsonNode today = body.get("days").get(1);
        assertThat(today.get("day").asText()).isEqualTo("2026-11-29");
        assertThat(today.get("shown").asInt()).isEqualTo(1);
        assertThat(today.get("uniqueDevices").asInt()).isEqualTo(1);
        assertThat(today.get("sessions").asInt()).isZero();
        assertThat(body.get("days").get(0).get("uniqueDevices").asInt()).isZero();
        // 03:00 UTC is 10:00 in Ho Chi Minh City
        assertThat(body.get("hours")).hasSize(24);
        assertThat(body.get("hours").get(10).get("shown").asInt()).isEqualTo(1);
        assertThat(body.get("platforms").toString()).contains("{\"platform\":\"ios\",\"shown\":1,");
        assertThat(body.get("languages").toString()).contains("{\"language\":\"en\",\"shown\":1,");
        assertThat(body.get("sessions").toString()).isEqualTo("{\"count\":0,\"completed\":0,\"medianDwellSeconds\":null}");
    }

    @Test
    void theLast30DaysOnTheVenuesClockByDefault() throws Exception {
        JsonNode body = new ObjectMapper().readTree(summary("?venue=demo").body());
        assertThat(body.get("from").asText()).isEqualTo("2026-10-31");
        assertThat(body.get("to").asText()).isEqualTo("2026-11-29");
        assertThat(body.get("days")).hasSize(30);
    }

    @Test
    void boundsAndErrors() throws Exception {
        assertThat(portal.get("/api/stats/summary?venue=demo").statusCode()).as("no token").isEqualTo(401);
        assertThat(portal.get("/api/stats/summary?venue=demo", "Authorization", "Bearer wrong-token-0123456789").statusCode())
                .isEqualTo(401);
        assertThat(summary("").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = summary("?venue=demo&venue=nowhere");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"no venue 'nowhere' that you may read\"}");
        assertThat(summary("?venue=demo&from=2026-02-30").statusCode()).isEqualTo(400);
        assertThat(summary("?venue=demo&from=yesterday").statusCode()).isEqualTo(400);
        assertThat(summary("?venue=demo&from=2026-11-29&to=2026-11-28").statusCode()).isEqualTo(400);
        assertThat(summary("?venue=demo&from=2025-01-01&to=2026-01-02").statusCode()).as("367 days").isEqualTo(400);
        assertThat(summary("?venue=demo&from=2025-01-01&to=2025-12-31").statusCode()).as("365 days").isEqualTo(200);
        assertThat(summary("?venue=demo&from=2024-01-01&to=2024-12-31").statusCode()).as("366 days").isEqualTo(200);
        StringBuilder many = new StringBuilder("?venue=demo");
        for (int i = 0; i < 50; i++) {
            many.append("&venue=v").append(i);
        }
        HttpResponse<String> tooMany = summary(many.toString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most 50 venues");
        assertThat(summary("?venue=demo&venue=demo").statusCode()).as("a repeated venue counts once").isEqualTo(200);
    }

    @Test
    void theOldEndpointKeepsItsShapeWithTheScanKindsAdded() throws Exception {
        HttpResponse<String> old = portal.get("/api/stats?venue=demo&from=2026-11-29&to=2026-11-29", BEARER);
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).isEqualTo("{\"venue\":\"demo\",\"timeZone\":\"Asia/Ho_Chi_Minh\",\"from\":\"2026-11-29\",\"to\":\"2026-11-29\","
                + "\"days\":[{\"day\":\"2026-11-29\",\"shown\":0,\"acknowledged\":0,\"store_click\":0,\"returning\":0,"
                + "\"poster_scan\":0,\"signage_scan\":0}],"
                + "\"totals\":{\"shown\":0,\"acknowledged\":0,\"store_click\":0,\"returning\":0,\"poster_scan\":0,\"signage_scan\":0}}");
    }
}
