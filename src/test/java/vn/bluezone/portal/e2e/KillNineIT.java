package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalProcess;

/**
 * The promise behind every count: an impression whose page was served is never lost. Visitors load
 * the notice and press Continue at full speed while the portal process is killed with SIGKILL at a
 * random moment, several times over; after each restart every served page and every acknowledgement
 * the visitor saw succeed must be in the store, and nothing may be counted more often than it happened.
 */
class KillNineIT {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final int ROUNDS = 3;
    private static final int VISITORS = 24;

    @TempDir
    Path dir;

    private final AtomicLong pagesServed = new AtomicLong();
    private final AtomicLong pagesRequested = new AtomicLong();
    private final AtomicLong acksServed = new AtomicLong();
    private final AtomicLong acksRequested = new AtomicLong();

    @Test
    void noServedImpressionIsLostAndNoneIsDoubledAcrossKills() throws Exception {
        int port = PortalProcess.freePort();
        Path config = PortalProcess.demoConfig(dir, port, "load");
        Random random = new Random(20201);
        for (int round = 1; round <= ROUNDS; round++) {
            PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"));
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);
            for (int i = 0; i < VISITORS; i++) {
                visitors.submit(() -> visit(portal, running));
            }
            long target = pagesServed.get() + 150;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pagesServed.get() < target && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(1000));
            portal.kill9();
            running.set(false);
            visitors.shutdown();
            assertThat(visitors.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(pagesServed.get()).as("the load actually ran").isGreaterThanOrEqualTo(450);
        assertThat(acksServed.get()).isGreaterThan(100);

        JsonNode totals;
        try (PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"))) {
            HttpResponse<String> stats = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(portal.uri("/api/stats?venue=load")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
            totals = new ObjectMapper().readTree(stats.body()).get("totals");
        }
        long[] stored = storedCounts(dir.resolve("data/portal.db"));
        System.out.printf("kill -9 x%d: pages served %d (requested %d), stored %d; acknowledgements served %d (requested %d), stored %d%n",
                ROUNDS, pagesServed.get(), pagesRequested.get(), stored[0], acksServed.get(), acksRequested.get(), stored[1]);
        assertThat(stored[0]).as("shown impressions stored").isBetween(pagesServed.get(), pagesRequested.get());
        assertThat(stored[1]).as("acknowledgements stored").isBetween(acksServed.get(), acksRequested.get());
        assertThat(totals.get("shown").asLong()).as("the restarted portal reports what is stored").isEqualTo(stored[0]);
        assertThat(totals.get("acknowledged").asLong()).isEqualTo(stored[1]);
    }

    private void visit(PortalProcess portal, AtomicBoolean running) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (running.get()) {
            try {
                pagesRequested.incrementAndGet();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(portal.uri("/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    continue;
                }
                pagesServed.incrementAndGet();
                Matcher m = VISIT.matcher(page.body());
                if (!m.find()) {
                    continue;
                }
                acksRequested.incrementAndGet();
                HttpResponse<Void> ack = http.send(HttpRequest.newBuilder(portal.uri("/continue"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("v=" + m.group(1))).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ack.statusCode() == 303) {
                    acksServed.incrementAndGet();
                }
            } catch (Exception killed) {
                // the portal died under us: expected, the counters above only count answers received
            }
        }
    }

    /** Reads the totals straight from the database file, as a restarted portal would find them. */
    private static long[] storedCounts(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (ResultSet ok = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                ok.next();
                assertThat(ok.getString(1)).isEqualTo("ok");
            }
            long[] counts = new long[2];
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT SUM(kind = 'shown'), SUM(kind = 'acknowledged') FROM impression")) {
                rs.next();
                counts[0] = rs.getLong(1);
                counts[1] = rs.getLong(2);
            }
            return counts;
        }
    }
}
