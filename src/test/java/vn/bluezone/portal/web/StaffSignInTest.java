package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.TestCertificates;

/** A staff member signing in and out over real HTTP, and what the portal refuses on the way. */
class StaffSignInTest {
    private static final String PASSWORD = "Huế-2026-an-toàn";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "");
        portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), PASSWORD);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    /** The form's token and the matching {@code bz_login} cookie, as a browser holds them after GET /login. */
    private record LoginForm(String csrf, String cookie) {
    }

    private LoginForm openForm() throws Exception {
        HttpResponse<String> page = portal.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        return new LoginForm(m.group(1), cookie(page, "bz_login"));
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().allValues("Set-Cookie")));
    }

    private static String setCookieLine(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> submit(LoginForm form, String username, String password, String next) throws Exception {
        return portal.postForm("/login", "csrf=" + form.csrf() + "&username=" + encode(username) + "&password=" + encode(password)
                + "&next=" + encode(next), "Cookie", "bz_login=" + form.cookie());
    }

    private String signIn() throws Exception {
        HttpResponse<String> in = submit(openForm(), "hue-venue", PASSWORD, "/dashboard");
        assertThat(in.statusCode()).isEqualTo(303);
        return cookie(in, "bz_session");
    }

    @Test
    void theFormIsBilingualAndTheRightPasswordOpensASessionWithStrictCookie() throws Exception {
        HttpResponse<String> page = portal.get("/login");
        assertThat(page.body()).contains("Đăng nhập", "Sign in", "Mật khẩu", "Password");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(setCookieLine(page, "bz_login")).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        HttpResponse<String> in = submit(openForm(), "hue-venue", PASSWORD, "/dashboard");
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).contains("/dashboard");
        String line = setCookieLine(in, "bz_session");
        assertThat(line).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").containsIgnoringCase("path=/")
                .doesNotContainIgnoringCase("secure");
        String session = cookie(in, "bz_session");
        assertThat(session).matches("[A-Za-z0-9_-]{43}");

        HttpResponse<String> dashboard = portal.get("/dashboard", "Cookie", "bz_session=" + session);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("hue-venue", "Địa điểm", "Venue", "Bến xe Phía Nam Huế", "hue-station", "/logout")
                .doesNotContain("<code>demo</code>");
    }

    @Test
    void aWrongPasswordOrUnknownUserGetsTheSameBilingualRefusal() throws Exception {
        HttpResponse<String> wrong = submit(openForm(), "hue-venue", "not the password", "/dashboard");
        HttpResponse<String> unknown = submit(openForm(), "nobody", PASSWORD, "/dashboard");
        for (HttpResponse<String> refused : List.of(wrong, unknown)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password.");
            assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("bz_session="));
        }
    }

    @Test
    void aLoginFormWithoutItsMatchingCookieIsRefused() throws Exception {
        LoginForm form = openForm();
        String body = "csrf=" + form.csrf() + "&username=hue-venue&password=" + encode(PASSWORD);
        assertThat(portal.postForm("/login", body).statusCode()).as("no cookie").isEqualTo(403);
        assertThat(portal.postForm("/login", body, "Cookie", "bz_login=" + openForm().cookie()).statusCode()).as("another form's cookie")
                .isEqualTo(403);
        HttpResponse<String> noToken = portal.postForm("/login", "username=hue-venue&password=" + encode(PASSWORD), "Cookie", "bz_login=" + form.cookie());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("This form expired", "Biểu mẫu đã hết hạn");
    }

    @Test
    void fiveFailuresRefuseFurtherTriesForFifteenMinutesWithAClearMessage() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(submit(openForm(), "hue-venue", "wrong password " + i, "/dashboard").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = submit(openForm(), "hue-venue", PASSWORD, "/dashboard");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-ins. Please try again in 15 minutes.", "thử lại sau 15 phút");
        assertThat(refused.headers().firstValue("Retry-After")).contains("900");

        portal.clock.advance(Duration.ofMinutes(10));
        assertThat(submit(openForm(), "hue-venue", PASSWORD, "/dashboard").body()).contains("try again in 5 minutes");
        portal.clock.advance(Duration.ofMinutes(5));
        assertThat(submit(openForm(), "hue-venue", PASSWORD, "/dashboard").statusCode()).isEqualTo(303);
    }

    @Test
    void logoutNeedsTheSessionsCsrfTokenAndEndsTheSession() throws Exception {
        String session = signIn();
        HttpResponse<String> dashboard = portal.get("/dashboard", "Cookie", "bz_session=" + session);
        Matcher m = CSRF.matcher(dashboard.body());
        assertThat(m.find()).isTrue();

        HttpResponse<String> forged = portal.postForm("/logout", "csrf=forged", "Cookie", "bz_session=" + session);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(portal.get("/dashboard", "Cookie", "bz_session=" + session).statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> out = portal.postForm("/logout", "csrf=" + m.group(1), "Cookie", "bz_session=" + session);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/login");
        assertThat(setCookieLine(out, "bz_session")).startsWith("bz_session=;").contains("01-Jan-1970");
        HttpResponse<String> after = portal.get("/dashboard", "Cookie", "bz_session=" + session);
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).contains("/login?next=%2Fdashboard");
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutesAndAfterTwelveHours() throws Exception {
        String session = signIn();
        portal.clock.advance(Duration.ofMinutes(29));
        assertThat(portal.get("/dashboard", "Cookie", "bz_session=" + session).statusCode()).isEqualTo(200);
        portal.clock.advance(Duration.ofMinutes(31));
        assertThat(portal.get("/dashboard", "Cookie", "bz_session=" + session).statusCode()).isEqualTo(303);

        String busy = signIn();
        for (int i = 0; i < 47; i++) {
            portal.clock.advance(Duration.ofMinutes(15));
            assertThat(portal.get("/dashboard", "Cookie", "bz_session=" + busy).statusCode()).isEqualTo(200);
        }
        portal.clock.advance(Duration.ofMinutes(15));
        assertThat(portal.get("/dashboard", "Cookie", "bz_session=" + busy).statusCode()).isEqualTo(303);
    }

    @Test
    void nextMayOnlyBeAPathOnThisPortal() throws Exception {
        assertThat(submit(openForm(), "hue-venue", PASSWORD, "/api/stats?venue=hue-station").headers().firstValue("Location"))
                .contains("/api/stats?venue=hue-station");
        for (String foreign : new String[] {"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/ok\r\nX: y"}) {
            assertThat(submit(openForm(), "hue-venue", PASSWORD, foreign).headers().firstValue("Location")).as(foreign).contains("/dashboard");
        }
    }

    @Test
    void overHttpsTheSessionCookieIsSecure(@TempDir Path certDir, @TempDir Path tlsData) throws Exception {
        TestCertificates certs = TestCertificates.authority(certDir).server("portal", "EC");
        try (PortalUnderTest tls = PortalUnderTest.withTls(tlsData, certs.file("portal.crt"), certs.file("portal.key"))) {
            tls.addUser("ops-user", Role.OPERATOR, Set.of(), PASSWORD);
            HttpClient https = HttpClient.newBuilder().sslContext(certs.clientTrustingAuthority()).followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(tls.httpsUri("/login")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(setCookieLine(page, "bz_login")).containsIgnoringCase("secure");
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).isTrue();
            HttpResponse<String> in = https.send(HttpRequest.newBuilder(tls.httpsUri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "bz_login=" + cookie(page, "bz_login"))
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + m.group(1) + "&username=ops-user&password=" + encode(PASSWORD)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(setCookieLine(in, "bz_session")).containsIgnoringCase("; secure").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict");
        }
    }
}
