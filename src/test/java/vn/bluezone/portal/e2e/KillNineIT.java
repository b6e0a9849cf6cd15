package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalLoad;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Tmpfs;

/**
 * The promise behind every count: an impression whose page was served, or an accounting record the NAS got an answer
 * for, is never lost nor counted twice. Visitors load the notice and press Continue at full speed and a NAS (radclient)
 * sends accounting while the portal process is killed with SIGKILL at a random moment, several times over; then
 * again while it replays a spool of events it kept while its database disk was full. After the last restart every
 * answered page, acknowledgement and accounting record must be in the store, and nothing more than was asked.
 */
class KillNineIT {
    private static final int ROUNDS = 3;
    private static final int VISITORS = 24;
    private static final String SECRET = "kill-nine-secret";

    @TempDir
    Path dir;

    private final PortalLoad load = new PortalLoad();
    private int port;
    private int authPort;
    private int acctPort;

    private Path config(String moreYaml) throws Exception {
        return PortalProcess.demoConfig(dir, port, "load", PortalProcess.radiusYaml(authPort, acctPort, SECRET, "load") + moreYaml);
    }

    private PortalLoad.Round loadOn(PortalProcess portal) {
        return load.start(portal.uri("/"), VISITORS, new PortalLoad.Nas("127.0.0.1:" + acctPort, SECRET), 2);
    }


    private void freePorts() throws Exception {
        port = PortalProcess.freePort();
        authPort = PortalProcess.freePort();
        acctPort = PortalProcess.freePort();
    }

    @Test
    void noServedImpressionOrAnsweredAccountingRecordIsLostAndNoneIsDoubledAcrossKills() throws Exception {
        freePorts();
        Path config = config("");
        Random random = new Random(20201);
        for (int round = 1; round <= ROUNDS; round++) {
            PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"));
            PortalLoad.Round running = loadOn(portal);
            load.awaitPagesServed(150);
            Thread.sleep(random.nextInt(1000));
            portal.kill9();
            running.stop();
        }
        assertThat(load.pagesServed.get()).as("the load actually ran").isGreaterThanOrEqualTo(450);
        assertThat(load.acksServed.get()).isGreaterThan(100);
        assertThat(load.accountingAnswered).hasSizeGreaterThan(10);

        JsonNode totals = restartAndReadTotals(config);
        PortalLoad.Stored stored = PortalLoad.read(dir.resolve("data/portal.db"));
        System.out.printf("kill -9 x%d: %s; stored: shown %d, acknowledged %d, accounting sessions %d%n", ROUNDS, load, stored.shown(),
                stored.acknowledged(), stored.sessions().size());
        load.assertStoredOnce(stored);
        assertThat(totals.get("shown").asLong()).as("the restarted portal reports what is stored").isEqualTo(stored.shown());
        assertThat(totals.get("acknowledged").asLong()).isEqualTo(stored.acknowledged());
    }

    /**
     * The database lives on a small tmpfs that the test fills: the portal keeps serving and spools what it
     * acknowledges; the test frees the space, waits until the portal replays the spool, and kills it in the middle.
     */
    @Test
    void killedWhileReplayingItsSpoolThePortalStillStoresEverythingOnce() throws Exception {
        assumeTrue(Tmpfs.canMount(), "skipped: filling a disk needs a tmpfs, which only root can mount");
        freePorts();
        Random random = new Random(20202);
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("db-disk"), 64)) {
            Path database = disk.path().resolve("portal.db");
            Path config = config("store: {sqlite-file: " + database + "}\n");
            Path spoolFile = dir.resolve("data/events.spool");
            int killedMidReplay = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"));
                PortalLoad.Round running = loadOn(portal);
                load.awaitPagesServed(100);
                disk.fill();
                long freeAfterFill = disk.freeBytes();
                JsonNode spooling = portal.awaitHealth(h -> h.get("writes").asText().equals("spooling")
                        && h.get("spool").get("batches").asInt() >= 1500, Duration.ofSeconds(60), disk::fill);
                assertThat(spooling.get("writes").asText())
                        .as("the full disk made the database fail: %s (%d bytes free after the fill, %d now); the portal's log:%n%s",
                                spooling, freeAfterFill, disk.freeBytes(), tail(portal.log()))
                        .isEqualTo("spooling");
                disk.free();
                JsonNode replaying = portal.awaitHealth(h -> h.get("writes").asText().equals("replaying"), Duration.ofSeconds(20));
                Thread.sleep(random.nextInt(150));
                portal.kill9();
                running.stop();
                boolean midReplay = Files.exists(spoolFile) && appliedFrom(database, spoolFile) > 0;
                killedMidReplay += midReplay ? 1 : 0;
                System.out.printf("round %d: spool of %d batches when the disk was freed; %s at the kill%s%n", round,
                        spooling.get("spool").get("batches").asInt(), replaying.get("writes").asText(),
                        midReplay ? ", part of the spool replayed" : "");
            }
            assertThat(killedMidReplay).as("kills that hit a replay in the middle").isPositive();

            try (PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"))) {
                JsonNode caughtUp = portal.awaitHealth(h -> h.get("writes").asText().equals("direct"), Duration.ofSeconds(60));
                assertThat(caughtUp.get("spool").get("bytes").asLong()).as("the spool left by the kill was replayed on start: %s", caughtUp)
                        .isZero();
                portal.terminate(Duration.ofSeconds(10));
            }
            assertThat(Files.exists(spoolFile)).isFalse();
            PortalLoad.Stored stored = PortalLoad.read(database);
            System.out.printf("kill -9 during replay x%d: %s; stored: shown %d, acknowledged %d, accounting sessions %d%n", ROUNDS, load,
                    stored.shown(), stored.acknowledged(), stored.sessions().size());
            load.assertStoredOnce(stored);
        }
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** How many batches of the spool file the store has applied (0 if none, or another spool's). */
    private static long appliedFrom(Path database, Path spoolFile) throws Exception {
        byte[] header = new byte[24];
        try (RandomAccessFile f = new RandomAccessFile(spoolFile.toFile(), "r")) {
            if (f.length() < header.length) {
                return 0;
            }
            f.readFully(header);
        }
        ByteBuffer id = ByteBuffer.wrap(header, 8, 16);
        UUID spool = new UUID(id.getLong(), id.getLong());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                PreparedStatement s = c.prepareStatement("SELECT last_sequence FROM applied_batch WHERE spool = ?")) {
            s.setString(1, spool.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private JsonNode restartAndReadTotals(Path config) throws Exception {
        try (PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"))) {
            portal.awaitHealth(h -> h.get("writes").asText().equals("direct"), Duration.ofSeconds(60));
            HttpResponse<String> stats = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(portal.uri("/api/stats?venue=load")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
            return new ObjectMapper().readTree(stats.body()).get("totals");
        }
    }
}
