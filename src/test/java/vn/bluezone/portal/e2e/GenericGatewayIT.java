package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.gateway.QueryString;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * A gateway that speaks the generic contract through the shipped {@code deploy/generic/bluezone-gateway.sh}
 * (run for real: sh, curl, openssl): the script signs the arrival, the phone sees the notice and continues,
 * the gateway's login page (a small HTTP listener here) receives the token, and the script redeems it,
 * once.
 */
class GenericGatewayIT {
    private static final Path SCRIPT = Path.of("deploy/generic/bluezone-gateway.sh").toAbsolutePath();
    private static final String MAC = "02:00:0a:e7:01:0a";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;
    private HttpServer gatewayLogin;
    private final BlockingQueue<String> loginQueries = new LinkedBlockingQueue<>();
    private PortalUnderTest portal;

    /** What a script printed and how it ended. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeEach
    void start() throws IOException {
        gatewayLogin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gatewayLogin.createContext("/bz-login", exchange -> {
            loginQueries.add(exchange.getRequestURI().getRawQuery());
            byte[] page = "gateway login page".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        gatewayLogin.start();
        portal = PortalUnderTest.withGenericGateways(dataDir, loginUrl());
        // the script signs with the machine's clock
        portal.clock.advance(Duration.between(portal.clock.instant(), Instant.now()));
    }

    @AfterEach
    void stop() {
        portal.close();
        gatewayLogin.stop(0);
    }

    private String loginUrl() {
        return "http://127.0.0.1:" + gatewayLogin.getAddress().getPort() + "/bz-login";
    }

    private Run scriptWithSecret(String secret, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dataDir, "script", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("BZ_PORTAL_URL", portal.uri("/").toString());
        builder.environment().put("BZ_GATEWAY_ID", "hue-generic");
        builder.environment().put("BZ_GATEWAY_SECRET", secret);
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script finishes").isTrue();
        return new Run(process.exitValue(), stdout.strip(), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private Run script(String... args) throws IOException, InterruptedException {
        return scriptWithSecret(PortalUnderTest.GENERIC_SECRET, args);
    }

    private HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return portal.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theScriptSignsTheArrivalAndRedeemsTheTokenItsLoginPageReceivedOnce() throws Exception {
        Run arrival = script("arrival-url", MAC, "192.168.8.23", "http://example.com/news?a=1&b=2", loginUrl());
        assertThat(arrival.exitCode()).as(arrival.stderr()).isZero();
        assertThat(arrival.stdout()).startsWith(portal.uri("/generic/hue-generic/?mac=").toString()).matches(".*&sig=[0-9a-f]{64}");

        HttpResponse<String> notice = get(arrival.stdout(), "Accept-Language", "en");
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        Matcher v = VISIT.matcher(notice.body());
        assertThat(v.find()).isTrue();

        HttpResponse<String> continued = portal.postForm("/continue", "v=" + v.group(1) + "&lang=en");
        assertThat(continued.statusCode()).isEqualTo(303);
        String location = continued.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(loginUrl() + "?token=bz1.");

        HttpResponse<String> loginPage = get(location);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        QueryString atLogin = QueryString.parse(loginQueries.poll(5, TimeUnit.SECONDS));
        String token = atLogin.get("token").orElseThrow();
        String rawLanding = location.substring(location.indexOf("&url=") + 5);

        Run otherDevice = script("redeem", token, "02:00:0a:e7:01:0b");
        assertThat(otherDevice.exitCode()).isEqualTo(1);
        assertThat(otherDevice.stdout()).contains("\"reason\":\"wrong-device\"");

        Run wrongSecret = scriptWithSecret("not-the-gateway-secret", "redeem", token, MAC);
        assertThat(wrongSecret.exitCode()).isEqualTo(2);
        assertThat(wrongSecret.stderr()).contains("refused this gateway's secret");

        Run granted = script("redeem", token, MAC);
        assertThat(granted.exitCode()).as(granted.stdout() + granted.stderr()).isZero();
        JsonNode answer = new ObjectMapper().readTree(granted.stdout());
        assertThat(answer.get("granted").asBoolean()).isTrue();
        assertThat(answer.get("mac").asText()).isEqualTo(MAC);
        assertThat(answer.get("session-seconds").asLong()).isEqualTo(7200);
        assertThat(answer.get("idle-seconds").asLong()).isEqualTo(900);
        assertThat(answer.get("download-kbps").asInt()).isEqualTo(4096);

        Run again = script("redeem", token, MAC);
        assertThat(again.exitCode()).as("a token lets a device online once").isEqualTo(1);
        assertThat(again.stdout()).contains("\"granted\":false").contains("\"reason\":\"used\"");

        Run landing = script("landing-url", rawLanding);
        assertThat(landing.exitCode()).isZero();
        assertThat(landing.stdout()).isEqualTo(atLogin.get("url").orElseThrow()).startsWith(portal.uri("/welcome?lang=en&v=").toString());
        assertThat(get(landing.stdout()).statusCode()).isEqualTo(200);
        assertThat(script("landing-url", "http%3A%2F%2Fevil.example%2F").stdout()).as("never a redirect off the portal")
                .isEqualTo(portal.uri("/").toString());

        JsonNode totals = new ObjectMapper().readTree(portal.get("/api/stats?venue=hue-station").body()).get("totals");
        assertThat(totals.get("shown").asInt()).isEqualTo(1);
        assertThat(totals.get("acknowledged").asInt()).isEqualTo(1);
    }

    @Test
    void anArrivalThatWouldSendTheVisitorElsewhereIsRefused() throws Exception {
        for (String login : new String[] {"http://evil.example/bz-login", "http://127.0.0.1@evil.example/bz-login", "javascript:alert(1)",
                "//evil.example/bz-login", loginUrl() + "/other"}) {
            Run arrival = script("arrival-url", MAC, "192.168.8.23", "http://example.com/", login);
            assertThat(arrival.exitCode()).isZero();
            HttpResponse<String> refused = get(arrival.stdout(), "Accept-Language", "vi");
            assertThat(refused.statusCode()).as(login).isEqualTo(400);
            assertThat(refused.body()).contains("Liên kết này không hợp lệ");
        }
        Run unsigned = scriptWithSecret("other-gateway-secret-1", "arrival-url", MAC, "192.168.8.23", "http://example.com/", loginUrl());
        assertThat(get(unsigned.stdout()).statusCode()).as("signed with another secret").isEqualTo(400);
        assertThat(script("arrival-url", MAC).exitCode()).as("usage").isEqualTo(64);
    }
}
