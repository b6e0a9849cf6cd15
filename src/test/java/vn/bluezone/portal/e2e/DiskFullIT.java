package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalLoad;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Tmpfs;

/**
 * The portal's data folder (database, spool file, secret key) on a small tmpfs that the test fills under load, as a
 * disk fills up in production: one clear log line, /healthz says "not ready" and why in both languages, what needs no
 * disk keeps working (health, statistics, a "try again" page instead of an uncounted notice), and once the space is
 * back the portal counts again without a restart and nothing it acknowledged is missing or doubled.
 */
class DiskFullIT {
    private static final String SECRET = "disk-full-secret";

    @TempDir
    Path dir;

    @Test
    void onAFullDiskThePortalSaysSo_servesWhatItCan_andLosesNothingItAcknowledged() throws Exception {
        assumeTrue(Tmpfs.canMount(), "skipped: filling a disk needs a tmpfs, which only root can mount");
        int port = PortalProcess.freePort();
        int acctPort = PortalProcess.freePort();
        PortalLoad load = new PortalLoad();
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("data"), 32)) {
            Path config = PortalProcess.demoConfig(dir, port, "load",
                    PortalProcess.radiusYaml(PortalProcess.freePort(), acctPort, SECRET, "load"));
            PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"));
            PortalLoad.Round running = load.start(portal.uri("/"), 8, new PortalLoad.Nas("127.0.0.1:" + acctPort, SECRET), 1);
            load.awaitPagesServed(100);

            disk.fill();
            JsonNode full = portal.awaitHealth(h -> h.get("status").asText().equals("not ready"), Duration.ofSeconds(60), disk::fill);
            assertThat(full.get("status").asText()).as("%s", full).isEqualTo("not ready");
            assertThat(full.get("writes").asText()).isEqualTo("failing");
            assertThat(full.get("message").asText()).startsWith("Disk full").contains("Ổ đĩa đầy");
            assertThat(full.get("freeBytes").get("data").asLong()).isLessThan(1 << 20);
            assertThat(Files.readString(portal.log(), StandardCharsets.UTF_8))
                    .as("one clear line in the log").containsPattern("ERROR .*could not keep .*DISK FULL");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(portal.uri("/api/stats?venue=load")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).as("statistics only read the disk").isEqualTo(200);
            // writes that fit in space the files already hold may still succeed: ask until one is refused
            HttpResponse<String> page = null;
            for (int i = 0; i < 200 && (page == null || page.statusCode() == 200); i++) {
                page = http.send(HttpRequest.newBuilder(portal.uri("/")).header("Accept-Language", "en").build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            assertThat(page.statusCode()).as("no notice that cannot be counted").isEqualTo(503);
            assertThat(page.body()).contains("Please try again").doesNotContain("Exception");
            long servedWhileFull = load.pagesServed.get();

            disk.free();
            JsonNode back = portal.awaitHealth(h -> h.get("writes").asText().equals("direct"), Duration.ofSeconds(30));
            assertThat(back.get("writes").asText()).as("counting again without a restart: %s", back).isEqualTo("direct");
            load.awaitPagesServed(100);
            assertThat(load.pagesServed.get()).isGreaterThan(servedWhileFull + 50);
            running.stop();
            portal.terminate(Duration.ofSeconds(10));

            assertThat(load.pagesRequested.get() - load.pagesServed.get()).as("visitors were refused while the disk was full").isPositive();
            PortalLoad.Stored stored = PortalLoad.read(dir.resolve("data/portal.db"));
            System.out.printf("disk full: %s; stored: shown %d, acknowledged %d, accounting sessions %d%n", load, stored.shown(),
                    stored.acknowledged(), stored.sessions().size());
            load.assertStoredOnce(stored);
        }
    }
}
