package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalLoad;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Radclient;
import vn.bluezone.portal.testing.Tmpfs;

/**
 * The database fails for real and comes back: the SQLite file lives on a small tmpfs the test fills, so every write
 * fails in SQLite ("database or disk is full") while the data folder with the spool file has room. Meanwhile the
 * portal keeps showing the notice, taking acknowledgements (a replayed one refused), logging a pfSense visitor in
 * through RADIUS once and answering accounting; when the space is back, the spool is replayed and the store holds
 * each of those events exactly once.
 */
class StoreOutageIT {
    private static final String SECRET = "store-outage-secret";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String PFSENSE_MAC = "00:1a:2b:3c:4d:5e";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private PortalProcess portal;
    private long pagesServed;

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(portal.uri(path)).header("Accept-Language", "en").build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() == 200 && VISIT.matcher(page.body()).find()) {
            pagesServed++;
        }
        return page;
    }

    private HttpResponse<String> acknowledge(String visit) throws Exception {
        return http.send(HttpRequest.newBuilder(portal.uri("/continue")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("v=" + visit + "&lang=en")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String visitOf(HttpResponse<String> notice) {
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        Matcher m = VISIT.matcher(notice.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void whileTheDatabaseCannotWriteVisitorsAreStillCountedAndLetOn_andEverythingIsStoredOnceWhenItIsBack() throws Exception {
        assumeTrue(Tmpfs.canMount(), "skipped: filling the database's disk needs a tmpfs, which only root can mount");
        int port = PortalProcess.freePort();
        int authPort = PortalProcess.freePort();
        int acctPort = PortalProcess.freePort();
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("db-disk"), 32)) {
            Path database = disk.path().resolve("portal.db");
            Files.writeString(dir.resolve("portal.yaml"), """
                    http: {host: 127.0.0.1, port: %d}
                    data-dir: %s
                    pages-dir: %s
                    store: {sqlite-file: %s}
                    venues: [{code: load, name: Test venue}]
                    gateways:
                      - {id: load, kind: demo, venue: load}
                      - {id: pf, kind: pfsense, venue: load}
                    # every visitor comes from one address on purpose: no counting limits
                    counting: {device-limit: 0, address-limit: 0}
                    """.formatted(port, dir.resolve("data"), Path.of("portal-pages").toAbsolutePath(), database)
                    + PortalProcess.radiusYaml(authPort, acctPort, SECRET, "load"));
            portal = PortalProcess.start(dir.resolve("portal.yaml"), port, dir.resolve("portal.log"));
            visitOf(get("/"));

            disk.fill();
            JsonNode health = portal.health();
            for (int i = 0; i < 5000 && !health.get("writes").asText().equals("spooling"); i++) {
                visitOf(get("/")); // SQLite fails once it needs a page it cannot have
                disk.fill(); // takes back space the database gave back
                health = portal.health();
            }
            assertThat(health.get("writes").asText()).as("%s", health).isEqualTo("spooling");
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(health.get("problem").asText()).contains("SQLITE_FULL");
            assertThat(health.get("message").asText()).contains("spool file").contains("tệp dự phòng");

            for (int i = 0; i < 200; i++) {
                visitOf(get("/")); // the notice is still shown, and counted
            }
            String visit = visitOf(get("/"));
            assertThat(acknowledge(visit).statusCode()).as("Continue works").isEqualTo(303);
            assertThat(acknowledge(visit).statusCode()).as("the same Continue again is refused on this node").isEqualTo(409);

            String pfVisit = visitOf(get("/pfsense/pf/?portal_action=" + enc("http://192.168.10.1:8002/index.php?zone=guests")
                    + "&zone=guests&redirurl=" + enc("http://example.com/") + "&client_mac=" + PFSENSE_MAC + "&client_ip=192.168.10.50"));
            HttpResponse<String> form = acknowledge(pfVisit);
            assertThat(form.statusCode()).isEqualTo(200);
            Matcher user = Pattern.compile("name=\"auth_user\" value=\"([^\"]+)\"").matcher(form.body());
            Matcher pass = Pattern.compile("name=\"auth_pass\" value=\"([^\"]+)\"").matcher(form.body());
            assertThat(user.find() && pass.find()).isTrue();
            String accessRequest = """
                    User-Name = "%s"
                    User-Password = "%s"
                    Calling-Station-Id = "%s"
                    Message-Authenticator = 0x00
                    """.formatted(user.group(1), pass.group(1), PFSENSE_MAC);
            String auth = "127.0.0.1:" + authPort;
            Radclient.Reply accept = Radclient.send(auth, "auth", SECRET, accessRequest);
            assertThat(accept.is("Access-Accept")).as("access granted while the database is down: %s", accept.output()).isTrue();
            assertThat(Radclient.send(auth, "auth", SECRET, accessRequest).is("Access-Reject")).as("and only once").isTrue();
            Radclient.Reply start = Radclient.send("127.0.0.1:" + acctPort, "acct", SECRET, """
                    Acct-Status-Type = Start
                    Acct-Session-Id = "outage-1"
                    Calling-Station-Id = "%s"
                    Acct-Input-Octets = 4242
                    """.formatted(PFSENSE_MAC));
            assertThat(start.is("Accounting-Response")).as(start.output()).isTrue();
            assertThat(portal.health().get("spool").get("bytes").asLong()).isPositive();

            disk.free();
            JsonNode back = portal.awaitHealth(h -> h.get("writes").asText().equals("direct"), Duration.ofSeconds(30));
            assertThat(back.get("spool").get("bytes").asLong()).as("%s", back).isZero();
            assertThat(back.get("status").asText()).isEqualTo("ready");
            portal.terminate(Duration.ofSeconds(10));

            String log = Files.readString(dir.resolve("portal.log"), StandardCharsets.UTF_8);
            assertThat(log).contains("the store cannot take events").contains("spool replayed into the store");
            PortalLoad.Stored stored = PortalLoad.read(database);
            System.out.printf("store outage: %d pages served, stored %d shown and %d acknowledged%n", pagesServed, stored.shown(),
                    stored.acknowledged());
            assertThat(stored.shown()).as("every page served, once").isEqualTo(pagesServed);
            assertThat(stored.acknowledged()).as("two visitors pressed Continue; the replay is not counted").isEqualTo(2);
            assertThat(stored.sessions()).containsEntry("outage-1", 4242L);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                    ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM grant_redemption")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the grant token redeemed once").isEqualTo(1);
            }
        } finally {
            if (portal != null) {
                portal.close();
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
