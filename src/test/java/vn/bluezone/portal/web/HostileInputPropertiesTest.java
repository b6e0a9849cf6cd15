package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.HostileInput;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * Arbitrary and adversarial input, as real HTTP requests, to every gateway adapter's redirect and every form and
 * parameter a person or a script sends: never a 5xx, never a stack trace, never a redirect off the portal, the
 * gateways' LAN side, the stores or a grant domain, and whatever is echoed is escaped.
 */
class HostileInputPropertiesTest {
    private static final String PASSWORD = "hostile-input-op-1";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    private static Path dataDir;
    private static PortalUnderTest portal;
    private static String session;
    private static String csrf;
    private static String visit;

    @BeforeContainer
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("hostile-input");
        portal = PortalUnderTest.withEveryGatewayKind(dataDir, "hostile-nas", "hostile-nas-secret-1");
        portal.addUser("operator", Role.OPERATOR, Set.of(), PASSWORD);
        session = portal.signIn("operator", PASSWORD);
        csrf = find(CSRF, portal.get("/admin/venues", "Cookie", session).body());
        visit = find(VISIT, portal.get("/").body());
    }

    @AfterContainer
    static void stop() throws IOException {
        portal.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String find(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as("%s in the page", pattern).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return portal.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What every answer to hostile input must be. */
    private static void assertSafe(HttpResponse<String> response) {
        String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode();
        assertThat(response.statusCode()).as(what).isBetween(200, 499);
        assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(HostileInput.MARKER)
                .doesNotContain("\"><b7x").doesNotContain("'><b7x");
        if (response.statusCode() >= 300 && response.statusCode() < 400) {
            String location = response.headers().firstValue("Location").orElse("");
            assertThat(HostileInput.allowedRedirect(location, portal.port())).as(what + " Location " + location).isTrue();
        }
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).isPresent();
    }

    @Provide
    Arbitrary<String> arrival() {
        return Arbitraries.oneOf(
                HostileInput.form("fas", "iv").map(q -> "/opennds/hue-gw/?" + q),
                HostileInput.form("authaction", "tok", "redir", "clientip", "clientmac", "gatewayname").map(q -> "/opennds/hue-gw0/?" + q),
                HostileInput.form("res", "uamip", "uamport", "challenge", "mac", "ip", "userurl", "md", "nasid").map(q -> "/coova/hue-chilli/?" + q),
                HostileInput.form("mac", "ip", "link-login-only", "link-orig", "chap-id", "chap-challenge").map(q -> "/mikrotik/hue-mikrotik/?" + q),
                HostileInput.form("base_grant_url", "user_continue_url", "client_mac", "client_ip", "node_mac").map(q -> "/meraki/hue-meraki/?" + q),
                HostileInput.form("portal_action", "zone", "client_mac", "client_ip", "redirurl").map(q -> "/pfsense/hue-pfsense/?" + q),
                HostileInput.form("mac", "ip", "url", "login", "ts", "sig").map(q -> "/generic/hue-generic/?" + q),
                HostileInput.form("lang").map(q -> "/?" + q),
                HostileInput.values().map(id -> "/opennds/" + HostileInput.encode(id) + "/?fas=x"));
    }

    @Property(tries = 300)
    void everyGatewayAdaptersRedirectIsAnsweredSafely(@ForAll("arrival") String pathAndQuery, @ForAll("userAgent") String userAgent,
            @ForAll("acceptLanguage") String acceptLanguage) {
        assertSafe(send("GET", pathAndQuery, "", "User-Agent", userAgent, "Accept-Language", acceptLanguage));
    }

    @Provide
    Arbitrary<String> userAgent() {
        return HostileInput.values().map(v -> v.replaceAll("[\\x00-\\x1f\\x7f]", "").replaceAll("[^\\x20-\\xff]", "?"))
                .filter(v -> !v.isBlank());
    }

    @Provide
    Arbitrary<String> acceptLanguage() {
        return Arbitraries.oneOf(Arbitraries.of("vi", "en-US,en;q=0.9", "ko;q=abc", "*", "zz-ZZ;q=1.5, ,;", "en;q=-1"),
                userAgent());
    }

    @Provide
    Arbitrary<String> visitorPage() {
        return Arbitraries.oneOf(
                HostileInput.form("v", "lang").map(q -> "/notice?" + q),
                HostileInput.form("v", "lang").map(q -> "/welcome?" + q),
                HostileInput.form("v", "lang").map(q -> "/connecting?" + q),
                HostileInput.form("v").map(q -> "/go?" + q),
                HostileInput.form("v", "lang").map(q -> "/store/ios?" + q),
                HostileInput.form("lang").map(q -> "/notice?v=" + visit + "&" + q),
                HostileInput.form("lang").map(q -> "/welcome?v=" + visit + "&" + q),
                HostileInput.values().map(p -> "/" + HostileInput.encode(p)),
                HostileInput.values().map(id -> "/captive-portal/api/" + HostileInput.encode(id)));
    }

    @Property(tries = 200)
    void visitorPagesAndTheirLinksAreAnsweredSafely(@ForAll("visitorPage") String pathAndQuery) {
        assertSafe(send("GET", pathAndQuery, ""));
    }

    @Property(tries = 150)
    void theContinueFormIsAnsweredSafely(@ForAll("continueForm") String form) {
        assertSafe(send("POST", "/continue", form));
    }

    @Provide
    Arbitrary<String> continueForm() {
        return Arbitraries.oneOf(HostileInput.form("v", "lang"), HostileInput.form("lang").map(f -> "v=" + visit + "&" + f));
    }

    @Property(tries = 60)
    void theSignInFormNeverSignsInByAccidentNorRedirectsOffThePortal(@ForAll("signInForm") String form) {
        HttpResponse<String> response = send("POST", "/login", form, "Cookie", "bz_login=" + csrfOfLoginCookie);
        assertSafe(response);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("bz_session=") && !c.startsWith("bz_session=;"));
    }

    private static final String csrfOfLoginCookie = "fixed-login-token";

    @Provide
    Arbitrary<String> signInForm() {
        return Arbitraries.oneOf(HostileInput.form("csrf", "username", "password", "next"),
                HostileInput.form("username", "password", "next").map(f -> "csrf=" + csrfOfLoginCookie + "&" + f));
    }

    @Property(tries = 100)
    void theSignInPageKeepsNextOnThePortal(@ForAll("next") String next) {
        assertSafe(send("GET", "/login?next=" + HostileInput.encode(next), "", "Cookie", session));
        assertSafe(send("GET", "/login?next=" + HostileInput.encode(next), ""));
    }

    @Provide
    Arbitrary<String> next() {
        return HostileInput.values();
    }

    @Provide
    Arbitrary<String> adminPost() {
        return Arbitraries.oneOf(
                HostileInput.form("code", "name", "time-zone", "remind-every", "session-timeout", "district", "type").map(f -> "/admin/venues|" + f),
                HostileInput.form("id", "kind", "venue", "level", "gateway-address", "uam-address", "hotspot-address", "portal-address",
                        "grant-domain", "login-url").map(f -> "/admin/gateways|" + f),
                HostileInput.form("name", "address", "venue").map(f -> "/admin/radius-clients|" + f),
                HostileInput.form("action", "username", "role", "venue", "password", "password2").map(f -> "/admin/users|" + f),
                HostileInput.form("csrf").map(f -> "/logout|" + f + "&csrf=wrong"));
    }

    @Property(tries = 150)
    void adminFormsOfASignedInOperatorAreAnsweredSafely(@ForAll("adminPost") String pathAndForm) {
        String[] parts = pathAndForm.split("\\|", 2);
        HttpResponse<String> response = send("POST", parts[0], "csrf=" + csrf + "&" + parts[1], "Cookie", session);
        assertSafe(response);
    }

    @Provide
    Arbitrary<String> staffQuery() {
        return Arbitraries.oneOf(
                HostileInput.form("venue", "from", "to").map(q -> "/dashboard?" + q),
                HostileInput.form("table", "venue", "from", "to").map(q -> "/dashboard/export.csv?" + q),
                HostileInput.form("month").map(q -> "/report?" + q),
                HostileInput.form("venue", "from", "to").map(q -> "/api/stats?" + q),
                HostileInput.form("venue", "from", "to").map(q -> "/api/stats/summary?" + q),
                HostileInput.form("added").map(q -> "/admin/venues?" + q),
                HostileInput.form("done", "user").map(q -> "/admin/users?" + q));
    }

    @Property(tries = 200)
    void dashboardReportAndStatisticsParametersAreAnsweredSafely(@ForAll("staffQuery") String pathAndQuery) {
        assertSafe(send("GET", pathAndQuery, "", "Cookie", session));
    }

    @Property(tries = 150)
    void theRedeemApiAnswersJsonNeverA5xx(@ForAll("redeemForm") String form, @ForAll("bearer") String bearer) {
        HttpResponse<String> response = send("POST", "/api/gateways/hue-generic/redeem", form, "Authorization", bearer);
        assertSafe(response);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Provide
    Arbitrary<String> redeemForm() {
        return HostileInput.form("token", "mac");
    }

    @Provide
    Arbitrary<String> bearer() {
        return Arbitraries.oneOf(Arbitraries.just("Bearer " + PortalUnderTest.GENERIC_SECRET), Arbitraries.just("Bearer "),
                userAgent().map(v -> "Bearer " + v), userAgent());
    }
}
