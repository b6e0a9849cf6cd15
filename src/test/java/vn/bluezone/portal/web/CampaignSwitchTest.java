package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.Main;
import vn.bluezone.portal.config.ConfigLoader;
import vn.bluezone.portal.config.PortalConfig;
import vn.bluezone.portal.testing.TestClock;
import vn.bluezone.portal.testing.TestPages;

/**
 * A scheduled campaign over real HTTP with the portal's clock moved by the test: the notice, the signage screen, the
 * QR code's target and the counts switch at midnight on the venue's clock, a visit keeps the campaign it began with,
 * and the statistics compare the campaigns.
 */
class CampaignSwitchTest {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)";
    private static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0";

    @TempDir
    Path dir;
    /** 23:59 on 30 November 2026 in Huế. */
    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T16:59:00Z"));
    private final Main main = new Main();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private int port;

    @BeforeEach
    void start() {
        TestPages pages = TestPages.copyOfShipped(dir.resolve("pages"))
                .campaign("vaccine", "Vaccine:", "https://vaccine.example.vn/")
                .schedule("""
                        - campaign: vaccine
                          from: 2026-12-01
                          until: 2026-12-31
                          venues: [hue-station]
                        """);
        PortalConfig config = new ConfigLoader(name -> null, dir).parse("""
                http: {host: 127.0.0.1, port: 0}
                data-dir: %s
                pages-dir: %s
                venues:
                  - {code: hue-station, name: "Bến xe Phía Nam Huế"}
                  - {code: market, name: "Chợ Đông Ba"}
                gateways:
                  - {id: hue-demo, kind: demo, venue: hue-station}
                """.formatted(dir.resolve("data"), pages.dir()));
        port = main.start(config, clock, new PrintStream(OutputStream.nullOutputStream())).port();
    }

    @AfterEach
    void stop() {
        main.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String visit(HttpResponse<String> notice) {
        Matcher m = VISIT.matcher(notice.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void atMidnightOnTheVenuesClockEverythingSwitchesToTheScheduledCampaignAndBackAfterItsLastDay() throws Exception {
        HttpResponse<String> before = get("/", "Accept-Language", "en", "User-Agent", LAPTOP);
        assertThat(before.body()).contains("<h1>Install the Bluezone app</h1>");
        String earlyVisit = visit(before);
        assertThat(get("/signage/hue-station").body()).doesNotContain("Vaccine:");
        assertThat(get("/q/hue-station", "User-Agent", LAPTOP).headers().firstValue("Location")).hasValue("https://www.bluezone.gov.vn/");

        clock.advance(Duration.ofMinutes(1)); // 00:00 on 1 December in Huế

        HttpResponse<String> after = get("/", "Accept-Language", "en", "User-Agent", LAPTOP);
        assertThat(after.body()).contains("<h1>Vaccine: Install the Bluezone app</h1>");
        assertThat(get("/signage/hue-station").body()).contains("Vaccine: Hãy cài đặt ứng dụng Bluezone");
        assertThat(get("/signage/market").body()).as("another venue, not targeted").doesNotContain("Vaccine:");
        assertThat(get("/q/hue-station", "User-Agent", LAPTOP, "Accept-Language", "vi").headers().firstValue("Location"))
                .hasValue("https://vaccine.example.vn/");
        assertThat(get("/notice?lang=vi&v=" + earlyVisit).body()).as("a visit keeps the campaign it began with")
                .contains("Hãy cài đặt ứng dụng Bluezone").doesNotContain("Vaccine:");
        assertThat(get("/store/ios?v=" + visit(after), "User-Agent", IPHONE).statusCode()).isEqualTo(302);

        JsonNode stats = new ObjectMapper().readTree(get("/api/stats/summary?venue=hue-station&from=2026-11-30&to=2026-12-01").body());
        assertThat(stats.get("campaigns").toString()).isEqualTo("["
                + "{\"campaign\":\"bluezone\",\"shown\":1,\"acknowledged\":0,\"store_click\":0,\"returning\":0,\"poster_scan\":1,\"signage_scan\":0,"
                + "\"acknowledgementRate\":0.0,\"storeClickThroughRate\":null},"
                // the same laptop's second scan a minute later reached the new target but was not counted again
                + "{\"campaign\":\"vaccine\",\"shown\":1,\"acknowledged\":0,\"store_click\":1,\"returning\":0,\"poster_scan\":0,\"signage_scan\":0,"
                + "\"acknowledgementRate\":0.0,\"storeClickThroughRate\":null}]");

        clock.advance(Duration.ofDays(31).minusSeconds(1)); // 23:59:59 on 31 December in Huế
        assertThat(get("/", "Accept-Language", "en").body()).contains("<h1>Vaccine: Install the Bluezone app</h1>");
        clock.advance(Duration.ofSeconds(1)); // 00:00 on 1 January
        assertThat(get("/", "Accept-Language", "en").body()).contains("<h1>Install the Bluezone app</h1>");
        assertThat(get("/dashboard/export.csv?table=campaigns&venue=hue-station&from=2026-11-30&to=2027-01-01").body())
                .contains("Chiến dịch / Campaign,").contains("\r\nbluezone,2,").contains("\r\nvaccine,2,");
    }
}
