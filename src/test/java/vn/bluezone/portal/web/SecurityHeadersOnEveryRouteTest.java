package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.config.HttpSettings;
import vn.bluezone.portal.notice.Campaign;
import vn.bluezone.portal.notice.CampaignLoader;
import vn.bluezone.portal.notice.LanguageChooser;
import vn.bluezone.portal.notice.NoticePages;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.RawHttp;

/**
 * Every route of {@link Routes}, read from its source so that a new route cannot be left out, answers with the
 * security headers: as a visitor, as a signed-in operator, with good and bad input; and so do the 404, 405 and 500
 * pages and the answers of {@link RequestLimits}.
 */
class SecurityHeadersOnEveryRouteTest {
    private static final Pattern ROUTE = Pattern.compile("\\.(get|post)\\(\"([^\"]+)\"");
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "walk-every-route-1";

    @TempDir
    Path dataDir;

    /** What was sent and got back, per route template ("GET /opennds/{gateway}"). */
    private final Map<String, List<String>> walked = new TreeMap<>();

    private static Set<String> routesInTheTable() throws Exception {
        String source = Files.readString(Path.of("src/main/java/vn/bluezone/portal/web/Routes.java"), StandardCharsets.UTF_8);
        Set<String> routes = new LinkedHashSet<>();
        Matcher m = ROUTE.matcher(source);
        while (m.find()) {
            routes.add(m.group(1).toUpperCase() + " " + m.group(2));
        }
        return routes;
    }

    private static void assertSecurityHeaders(String what, java.util.function.Function<String, Optional<String>> header) {
        assertThat(header.apply("Content-Security-Policy")).as(what).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'").contains("frame-ancestors 'none'").contains("base-uri 'none'"));
        assertThat(header.apply("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(header.apply("Referrer-Policy")).as(what).contains("no-referrer");
    }

    private void walk(PortalUnderTest portal, String route, String method, String pathAndQuery, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = portal.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String what = method + " " + pathAndQuery + " -> " + response.statusCode();
        assertSecurityHeaders(what, name -> response.headers().firstValue(name));
        assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        walked.computeIfAbsent(route, r -> new ArrayList<>()).add(what);
    }

    private static String find(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as("%s in the page", pattern).isTrue();
        return m.group(1);
    }

    @Test
    void everyRouteAnswersWithTheSecurityHeaders() throws Exception {
        try (PortalUnderTest portal = PortalUnderTest.withRadiusClient(dataDir, "walk-nas", "walk-radius-secret-1")) {
            portal.addUser("walker", Role.OPERATOR, Set.of(), PASSWORD);
            String session = portal.signIn("walker", PASSWORD);
            String csrf = find(CSRF, portal.get("/admin/venues", "Cookie", session).body());
            String v = find(VISIT, portal.get("/").body());
            String fas = java.util.Base64.getEncoder().encodeToString("hid=x, clientmac=02:00:00:00:00:01".getBytes(StandardCharsets.UTF_8));

            walk(portal, "GET /", "GET", "/", "");
            walk(portal, "GET /", "GET", "/?lang=%3Cscript%3E", "", "Accept-Language", "en");
            walk(portal, "GET /opennds/{gateway}", "GET", "/opennds/hue-gw/?fas=" + fas, "");
            walk(portal, "GET /opennds/{gateway}", "GET", "/opennds/nope/", "");
            walk(portal, "POST /opennds/{gateway}", "POST", "/opennds/hue-gw/", "auth_get=list&gatewayhash=x");
            walk(portal, "GET /coova/{gateway}", "GET", "/coova/hue-chilli/?res=notyet&uamip=10.1.0.1&uamport=3990&challenge=00&mac=02-00-00-00-00-01&md=00", "");
            walk(portal, "GET /mikrotik/{gateway}", "GET", "/mikrotik/hue-mikrotik/?mac=02:00:00:00:00:01&link-login-only=http://10.5.50.1/login", "");
            walk(portal, "GET /meraki/{gateway}", "GET", "/meraki/hue-meraki/?base_grant_url=https://n1.network-auth.com/splash/grant&client_mac=02:00:00:00:00:01", "");
            walk(portal, "GET /pfsense/{gateway}", "GET", "/pfsense/hue-pfsense/?portal_action=http://192.168.1.1:8002/index.php?zone=z&zone=z&client_mac=02:00:00:00:00:01", "");
            walk(portal, "GET /generic/{gateway}", "GET", "/generic/nope/?mac=x&sig=y", "");
            walk(portal, "GET /notice", "GET", "/notice?lang=en&v=" + v, "");
            walk(portal, "GET /notice", "GET", "/notice?v=forged", "");
            walk(portal, "GET /continue", "GET", "/continue?v=" + v, "");
            walk(portal, "POST /continue", "POST", "/continue", "v=forged");
            walk(portal, "POST /continue", "POST", "/continue", "v=" + v + "&lang=en");
            walk(portal, "POST /continue", "POST", "/continue", "v=" + v + "&lang=en"); // the replay: 409
            walk(portal, "GET /connecting", "GET", "/connecting?v=" + v, "");
            walk(portal, "GET /welcome", "GET", "/welcome?v=" + v, "");
            walk(portal, "GET /go", "GET", "/go?v=" + v, "");
            walk(portal, "GET /go", "GET", "/go?v=forged", "");
            walk(portal, "GET /store/ios", "GET", "/store/ios?v=" + v, "");
            walk(portal, "GET /store/android", "GET", "/store/android", "");
            walk(portal, "GET /api/stats", "GET", "/api/stats?venue=hue-station", "");
            walk(portal, "GET /api/stats", "GET", "/api/stats?venue=hue-station", "", "Authorization", "Bearer wrong");
            walk(portal, "GET /api/stats/summary", "GET", "/api/stats/summary?venue=hue-station&venue=demo", "");
            walk(portal, "GET /api/stats/summary", "GET", "/api/stats/summary?from=x", "");
            walk(portal, "GET /api/radius", "GET", "/api/radius", "");
            walk(portal, "POST /api/sessions/disconnect", "POST", "/api/sessions/disconnect?mac=02:00:00:00:00:01", "");
            walk(portal, "POST /api/gateways/{gateway}/redeem", "POST", "/api/gateways/hue-gw/redeem", "token=x&mac=y", "Authorization", "Bearer x");
            walk(portal, "GET /login", "GET", "/login?next=//evil.example", "");
            walk(portal, "GET /metrics", "GET", "/metrics", "");
            walk(portal, "POST /login", "POST", "/login", "csrf=x&username=walker&password=wrong");
            walk(portal, "GET /dashboard", "GET", "/dashboard", "");
            walk(portal, "GET /dashboard", "GET", "/dashboard?venue=all", "", "Cookie", session);
            walk(portal, "GET /dashboard/export.csv", "GET", "/dashboard/export.csv?table=days&venue=all", "", "Cookie", session);
            walk(portal, "GET /dashboard/export.csv", "GET", "/dashboard/export.csv?table=nope", "", "Cookie", session);
            walk(portal, "GET /report", "GET", "/report?month=2026-11", "", "Cookie", session);
            walk(portal, "GET /q/{venue}", "GET", "/q/hue-station?s=signage", "");
            walk(portal, "GET /q/{venue}", "GET", "/q/no-such-venue", "");
            walk(portal, "GET /signage/{venue}", "GET", "/signage/hue-station", "");
            walk(portal, "GET /admin/posters", "GET", "/admin/posters", "", "Cookie", session);
            walk(portal, "GET /admin/posters/{file}", "GET", "/admin/posters/hue-station.pdf", "", "Cookie", session);
            walk(portal, "GET /report", "GET", "/report?month=garbage", "");
            walk(portal, "GET /admin", "GET", "/admin", "", "Cookie", session);
            for (String section : List.of("venues", "gateways", "radius-clients", "users")) {
                walk(portal, "GET /admin/" + section, "GET", "/admin/" + section, "", "Cookie", session);
                walk(portal, "GET /admin/" + section, "GET", "/admin/" + section, "");
                walk(portal, "POST /admin/" + section, "POST", "/admin/" + section, "csrf=wrong", "Cookie", session);
                walk(portal, "POST /admin/" + section, "POST", "/admin/" + section, "csrf=" + csrf + "&action=add", "Cookie", session);
            }
            walk(portal, "GET /healthz", "GET", "/healthz", "");
            walk(portal, "GET /captive-portal/api/{gateway}", "GET", "/captive-portal/api/hue-gw", "");
            walk(portal, "GET /captive-portal/api/{gateway}", "GET", "/captive-portal/api/nope", "");
            for (String probe : List.of("/hotspot-detect.html", "/library/test/success.html", "/generate_204", "/gen_204", "/connecttest.txt",
                    "/redirect", "/ncsi.txt", "/success.txt", "/canonical.html")) {
                walk(portal, "GET " + probe, "GET", probe, "");
            }
            walk(portal, "POST /logout", "POST", "/logout", "csrf=" + csrf, "Cookie", session);
            walk(portal, "404", "GET", "/no/such/page", "");
            walk(portal, "405", "POST", "/healthz", "x=1");
            walk(portal, "405", "POST", "/welcome", "x=1");

            assertThat(routesInTheTable()).as("routes read from Routes.java").hasSizeGreaterThan(40).contains("GET /", "POST /continue");
            assertThat(walked.keySet()).as("routes walked").containsAll(routesInTheTable());

            for (String limited : List.of(
                    "GET /notice?v=" + "A".repeat(9000) + " HTTP/1.1\r\nHost: p\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: p\r\nX-Filler: " + "a".repeat(40_000) + "\r\n\r\n",
                    "POST /continue HTTP/1.1\r\nHost: p\r\nContent-Length: 200000\r\n\r\n")) {
                try (RawHttp raw = new RawHttp(portal.port(), Duration.ofSeconds(5))) {
                    raw.send(limited);
                    String received = raw.readAll();
                    assertThat(RawHttp.status(received)).isIn(413, 414, 431);
                    assertSecurityHeaders(received.lines().findFirst().orElse(""), name -> rawHeader(received, name));
                }
            }
        }
    }

    private static Optional<String> rawHeader(String received, String name) {
        return received.lines().takeWhile(line -> !line.isEmpty())
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst();
    }

    @Test
    void aRouteThatFailsGetsThe500PageWithTheSecurityHeaders() throws Exception {
        Campaign campaign = new CampaignLoader().load(Path.of("portal-pages"), "bluezone");
        VisitorPages pages = new VisitorPages(new NoticePages(Path.of("portal-pages"), campaign),
                new LanguageChooser(campaign.texts().keySet(), campaign.defaultLanguage(), campaign.fallbackLanguage()),
                new vn.bluezone.portal.notice.Campaigns(Path.of("portal-pages"), vn.bluezone.portal.notice.CampaignSchedule.always(campaign),
                        vn.bluezone.portal.notice.PosterFonts.load(Path.of("portal-pages")), java.time.InstantSource.system()),
                new vn.bluezone.portal.venue.Venues(java.util.List.of()));
        HttpHandler failing = exchange -> {
            throw new IllegalStateException("a bug in a route");
        };
        HttpSettings http = new HttpSettings("127.0.0.1", 0, "", 8192, Duration.ofSeconds(30), Duration.ofSeconds(10), Optional.empty());
        try (WebServer server = WebServer.start(http, Optional.empty(), Routes.guarded(failing, pages, http))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/anything")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(500);
            assertSecurityHeaders("500", name -> response.headers().firstValue(name));
            assertThat(response.body()).contains("<html").doesNotContain("a bug in a route").doesNotContain("IllegalStateException");
        }
    }
}
