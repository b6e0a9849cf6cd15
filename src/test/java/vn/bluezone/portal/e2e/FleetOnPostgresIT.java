package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Radclient;
import vn.bluezone.portal.testing.TestPostgres;

/**
 * Two portal nodes, two processes of the built jar, on one PostgreSQL (Debian's server, see {@link TestPostgres}), as a
 * telecom runs them behind a load balancer with its NAS listing both as RADIUS servers. Both start at the same moment on
 * an empty database (one migrates it, one creates the fleet's secret). A pfSense visitor acknowledges the notice on
 * node A; the one-time login A hands out is accepted by node B's RADIUS server (radclient as pfSense) and then refused
 * by both; the device passes MAC authentication on B; accounting goes to either; both nodes' statistics are the same.
 * Node B runs two event writers side by side ({@code store.postgres.writers: 2}), node A one.
 */
class FleetOnPostgresIT {
    private static final String NAS_SECRET = "fleet-nas-secret-2026";
    private static final String API_TOKEN = "fleet-api-token-0123456789";
    private static final String DB_PASSWORD_VARIABLE = "BZ_DB_PASSWORD";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String MAC = "00:1a:2b:3c:4d:5e";
    private static final String NAS_MAC = "00-1A-2B-3C-4D-5E";

    @TempDir
    Path dir;
    private Node a;
    private Node b;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** One portal process and the ports it serves. */
    private record Node(String name, PortalProcess process, int authPort, int acctPort, Path log) {
        String auth() {
            return "127.0.0.1:" + authPort;
        }

        String acct() {
            return "127.0.0.1:" + acctPort;
        }
    }

    @BeforeEach
    void startTwoNodesTogether() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.freshDatabase("fleet");
        CompletableFuture<Node> startingA = CompletableFuture.supplyAsync(() -> start("a", postgres, database));
        CompletableFuture<Node> startingB = CompletableFuture.supplyAsync(() -> start("b", postgres, database));
        a = startingA.join();
        b = startingB.join();
    }

    private Node start(String name, TestPostgres postgres, String database) {
        try {
            Path home = Files.createDirectories(dir.resolve(name));
            int port = PortalProcess.freePort();
            int auth = PortalProcess.freeUdpPort();
            int acct = PortalProcess.freeUdpPort();
            Path config = Files.writeString(home.resolve("portal.yaml"), """
                    http: {host: 127.0.0.1, port: %d}
                    data-dir: %s
                    pages-dir: %s
                    api: {token: %s}
                    store:
                      kind: postgres
                      postgres:
                        url: %s
                        user: %s
                        password: ${%s}
                        pool-size: 4
                        writers: %d
                    venues: [{code: hue-station, name: "Bến xe Phía Nam Huế"}]
                    gateways: [{id: hue-pfsense, kind: pfsense, venue: hue-station}]
                    radius:
                      host: 127.0.0.1
                      auth-port: %d
                      acct-port: %d
                      clients: [{name: hue-nas, address: 127.0.0.1, secret: %s, venue: hue-station}]
                    """.formatted(port, home.resolve("data"), Path.of("portal-pages").toAbsolutePath(), API_TOKEN, postgres.url(database),
                    TestPostgres.USER, DB_PASSWORD_VARIABLE, name.equals("b") ? 2 : 1, auth, acct, NAS_SECRET));
            Path log = home.resolve("portal.log");
            PortalProcess process = PortalProcess.start(config, port, log, Map.of(DB_PASSWORD_VARIABLE, TestPostgres.PASSWORD),
                    Duration.ofSeconds(90));
            return new Node(name, process, auth, acct, log);
        } catch (Exception e) {
            throw new IllegalStateException("node " + name + " did not start", e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Node node : new Node[] {a, b}) {
            if (node != null) {
                node.process().terminate(Duration.ofSeconds(15));
            }
        }
    }

    private HttpResponse<String> get(Node node, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.process().uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A pfSense visitor's arrival on a node: the notice, counted as shown; returns its visit token. */
    private String arrive(Node node, String mac, String ip) throws Exception {
        HttpResponse<String> notice = get(node, "/pfsense/hue-pfsense/?portal_action="
                + URLEncoder.encode("http://192.168.10.1:8002/index.php?zone=guests", StandardCharsets.UTF_8) + "&zone=guests&redirurl="
                + URLEncoder.encode("http://example.com/", StandardCharsets.UTF_8) + "&client_mac=" + mac + "&client_ip=" + ip,
                "Accept-Language", "en");
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        Matcher visit = VISIT.matcher(notice.body());
        assertThat(visit.find()).isTrue();
        return visit.group(1);
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("%s in %s", name, html).isTrue();
        return m.group(1);
    }

    private JsonNode summary(Node node) throws Exception {
        HttpResponse<String> r = get(node, "/api/stats/summary?venue=hue-station", "Authorization", "Bearer " + API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void aGrantFromOneNodeIsHonouredOnceByTheOthersRadiusAndBothNodesReportTheSameFigures() throws Exception {
        String v = arrive(a, MAC, "192.168.10.50");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(a.process().uri("/continue"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("v=" + v + "&lang=en")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String accessRequest = """
                User-Name = "%s"
                User-Password = "%s"
                Calling-Station-Id = "%s"
                Service-Type = Login-User
                NAS-Port-Type = Ethernet
                Framed-IP-Address = 192.168.10.50
                Message-Authenticator = 0x00
                """.formatted(field(login.body(), "auth_user"), field(login.body(), "auth_pass"), MAC);

        Radclient.Reply onB = Radclient.send(b.auth(), "auth", NAS_SECRET, accessRequest);
        assertThat(onB.is("Access-Accept")).as("node A's grant at node B: %s", onB.output()).isTrue();
        Radclient.Reply replayOnA = Radclient.send(a.auth(), "auth", NAS_SECRET, accessRequest);
        assertThat(replayOnA.is("Access-Reject")).as("the same login replayed at node A: %s", replayOnA.output()).isTrue();
        Radclient.Reply replayOnB = Radclient.send(b.auth(), "auth", NAS_SECRET, accessRequest);
        assertThat(replayOnB.is("Access-Reject")).as("and at node B again: %s", replayOnB.output()).isTrue();

        Radclient.Reply macAuthentication = Radclient.send(b.auth(), "auth", NAS_SECRET, """
                User-Name = "%s"
                User-Password = "%s"
                Calling-Station-Id = "%s"
                Message-Authenticator = 0x00
                """.formatted(NAS_MAC, NAS_MAC, NAS_MAC));
        assertThat(macAuthentication.is("Access-Accept")).as("acknowledged at A, known at B: %s", macAuthentication.output()).isTrue();

        String session = """
                Acct-Session-Id = "fleet-0001"
                User-Name = "%s"
                Calling-Station-Id = "%s"
                NAS-IP-Address = 127.0.0.1
                """.formatted(NAS_MAC, NAS_MAC);
        assertThat(Radclient.send(b.acct(), "acct", NAS_SECRET, session + "Acct-Status-Type = Start\n").is("Accounting-Response")).isTrue();
        assertThat(Radclient.send(a.acct(), "acct", NAS_SECRET, session + """
                Acct-Status-Type = Stop
                Acct-Session-Time = 600
                Acct-Terminate-Cause = User-Request
                """).is("Accounting-Response")).isTrue();

        arrive(b, "00:1a:2b:3c:4d:99", "192.168.10.51");

        JsonNode fromA = summary(a);
        JsonNode fromB = summary(b);
        assertThat(fromB).as("the statistics of either node").isEqualTo(fromA);
        JsonNode totals = fromA.get("totals");
        assertThat(totals.get("shown").asInt()).as("one notice shown by each node").isEqualTo(2);
        assertThat(totals.get("acknowledged").asInt()).isEqualTo(1);
        assertThat(fromA.get("sessions").get("count").asInt()).as("started through B, stopped through A: one session").isEqualTo(1);
        assertThat(fromA.get("sessions").get("completed").asInt()).isEqualTo(1);
        assertThat(fromA.get("sessions").get("medianDwellSeconds").asInt()).as("600 s, to the minute: its middle").isEqualTo(630);

        for (Node node : List.of(a, b)) {
            assertThat(Files.readString(node.log(), StandardCharsets.UTF_8)).as("node %s's log", node.name())
                    .contains("PostgreSQL " + TestPostgres.shared().url("")).doesNotContain(TestPostgres.PASSWORD);
        }
    }
}
