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
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalLoad;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Radclient;
import vn.bluezone.portal.testing.TestPostgres;

/**
 * The fleet's database goes away under load and comes back: the built jar runs on a PostgreSQL server of the test's
 * own, which the test stops while visitors keep arriving and a NAS keeps sending accounting, first as an operator does
 * ({@code pg_ctl stop -m fast}), later as a crash does ({@code -m immediate}), each for several seconds, and then starts
 * again. Meanwhile every visitor still gets the notice and the way online quickly: demo visitors press Continue, pfSense
 * visitors (each with a MAC the portal has never seen, so it asks the database about it) log in through RADIUS with their
 * one-time token, and accounting sessions (Start, Interim-Update, Stop) are answered; {@code /healthz} says the node is
 * degraded and keeps its events in the spool file. Once the server is back the spool is replayed, the file is gone, and
 * PostgreSQL holds every served impression and every answered accounting record exactly once.
 */
class PostgresOutageIT {
    private static final String NAS_SECRET = "pg-outage-nas-secret";
    private static final String DB_PASSWORD_VARIABLE = "BZ_DB_PASSWORD";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final Pattern USER = Pattern.compile("name=\"auth_user\" value=\"([^\"]+)\"");
    private static final Pattern PASSWORD = Pattern.compile("name=\"auth_pass\" value=\"([^\"]+)\"");
    private static final Pattern REPLAYED = Pattern.compile("spool replayed into the store: (\\d+) batches \\((\\d+) events");
    private static final Duration FIRST_OUTAGE = Duration.ofSeconds(6);
    private static final Duration SECOND_OUTAGE = Duration.ofSeconds(4);
    /**
     * Longest a visitor may wait for the notice or Continue while the database is gone (99th percentile). Measured:
     * 50-200 ms, on a 2-core machine also running other builds (load average 10).
     */
    private static final Duration P99_BOUND = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private final PortalLoad demoVisitors = new PortalLoad();
    private final RadiusVisitors radiusVisitors = new RadiusVisitors();
    private final HealthWatch health = new HealthWatch();
    private PortalProcess portal;
    private int authPort;
    private int acctPort;

    @Test
    void whileTheDatabaseIsGoneVisitorsAreServedQuickly_andWhenItIsBackEverythingAnsweredIsStoredOnce() throws Exception {
        try (TestPostgres postgres = TestPostgres.own()) {
            String database = postgres.freshDatabase("outage");
            portal = start(postgres, database);
            ExecutorService threads = Executors.newCachedThreadPool();
            AtomicBoolean running = new AtomicBoolean(true);
            PortalLoad.Round demo = null;
            try {
                demo = demoVisitors.start(portal.uri("/"), 3, null, 0);
                for (int i = 0; i < 2; i++) {
                    threads.submit(() -> radiusVisitors.arriveAndLogIn(running));
                }
                threads.submit(() -> radiusVisitors.account(running));
                threads.submit(() -> health.watch(running));
                demoVisitors.awaitPagesServed(200);
                assertThat(radiusVisitors.awaitLogins(10)).as("RADIUS logins before the outage").isTrue();
                Outage first = outage(postgres, "fast", FIRST_OUTAGE);
                Outage second = outage(postgres, "immediate", SECOND_OUTAGE);
                demoVisitors.awaitPagesServed(100);
                running.set(false);
                demo.stop();
                threads.shutdown();
                assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                portal.terminate(Duration.ofSeconds(15));

                System.out.printf("postgres outage: demo visitors %s; RADIUS visitors %s%n", demoVisitors, radiusVisitors);
                for (Outage o : List.of(first, second)) {
                    System.out.printf("  %s%n", o);
                }
                String log = Files.readString(portal.log(), StandardCharsets.UTF_8);
                assertThat(log).contains("the store cannot take events").doesNotContain(TestPostgres.PASSWORD);
                assertThat(Pattern.compile("cannot tell whether a device is returning").matcher(log).results().count())
                        .as("a visitor's arrival during an outage is logged once a minute at most, not once each (before: 82 lines)")
                        .isBetween(1L, 3L);
                List<Long> replayedBatches = new ArrayList<>();
                Matcher replayed = REPLAYED.matcher(log);
                while (replayed.find()) {
                    System.out.printf("  replayed: %s batches, %s events%n", replayed.group(1), replayed.group(2));
                    replayedBatches.add(Long.parseLong(replayed.group(1)));
                }
                try (Connection c = DriverManager.getConnection(postgres.url(database), TestPostgres.USER, TestPostgres.PASSWORD)) {
                    assertEverythingAnsweredIsStoredOnce(c);
                    assertThat(spoolsApplied(c).values()).as("each outage's spool file, every batch of it, replayed into the database")
                            .containsExactlyInAnyOrderElementsOf(replayedBatches).hasSize(2);
                }
            } finally {
                running.set(false);
                threads.shutdownNow();
                portal.close();
                if (demo != null) {
                    demo.stop();
                }
                // the portal's log outlives the temp folder, for a failed run
                Files.copy(portal.log(), Path.of("target/PostgresOutageIT-portal.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private PortalProcess start(TestPostgres postgres, String database) throws Exception {
        int port = PortalProcess.freePort();
        authPort = PortalProcess.freeUdpPort();
        acctPort = PortalProcess.freeUdpPort();
        Path config = Files.writeString(dir.resolve("portal.yaml"), """
                http: {host: 127.0.0.1, port: %d}
                data-dir: %s
                pages-dir: %s
                store:
                  kind: postgres
                  postgres: {url: "%s", user: %s, password: "${%s}", pool-size: 4}
                venues:
                  - {code: load, name: Demo venue}
                  - {code: station, name: Bus station}
                gateways:
                  - {id: load, kind: demo, venue: load}
                  - {id: pf, kind: pfsense, venue: station}
                # the load comes from one address on purpose: no counting limits
                counting: {device-limit: 0, address-limit: 0}
                """.formatted(port, dir.resolve("data"), Path.of("portal-pages").toAbsolutePath(), postgres.url(database),
                TestPostgres.USER, DB_PASSWORD_VARIABLE) + PortalProcess.radiusYaml(authPort, acctPort, NAS_SECRET, "station"));
        return PortalProcess.start(config, port, dir.resolve("portal.log"), Map.of(DB_PASSWORD_VARIABLE, TestPostgres.PASSWORD),
                Duration.ofSeconds(60));
    }

    /** What one outage looked like from outside. */
    private record Outage(String mode, Duration length, PortalLoad.Answers demo, PortalLoad.Answers radius, List<HealthWatch.Sample> health,
            JsonNode back, Duration replayedWithin, long eventsSpooled) {
        @Override
        public String toString() {
            JsonNode spooling = health.stream().map(HealthWatch.Sample::report).filter(r -> r.path("writes").asText().equals("spooling"))
                    .reduce((a, b) -> b).orElse(null);
            return "outage (" + mode + ") of " + length.toMillis() + " ms: demo visitors " + demo + "; pfSense visitors " + radius
                    + "; health slowest " + health.stream().mapToLong(HealthWatch.Sample::tookMillis).max().orElse(0) + " ms"
                    + "; " + eventsSpooled + " events spooled, the spool at its largest " + (spooling == null ? "-" : spooling.get("spool"))
                    + "; replayed " + replayedWithin.toMillis() + " ms after the server was back; then " + back;
        }
    }

    /**
     * Stops the server for {@code length} under load, starts it, and waits until the spool is replayed; asserts what
     * visitors, the NAS and {@code /healthz} saw meanwhile.
     */
    private Outage outage(TestPostgres postgres, String mode, Duration length) throws Exception {
        Path spoolFile = dir.resolve("data/events.spool");
        long spooledBefore = portal.health().get("spooled").asLong();
        long from = System.nanoTime();
        postgres.stopServer(mode);
        Thread.sleep(length.toMillis() / 2);
        Radclient.Reply unknownDevice = radiusVisitors.macAuthentication("02:99:00:00:00:01");
        Radclient.Reply knownDevice = radiusVisitors.macAuthentication(radiusVisitors.loggedIn.iterator().next());
        Thread.sleep(length.toMillis() / 2);
        long until = System.nanoTime();
        postgres.startServer();
        long started = System.nanoTime();
        JsonNode back = portal.awaitHealth(h -> h.get("status").asText().equals("ready"), Duration.ofSeconds(45));
        Duration replayed = Duration.ofNanos(System.nanoTime() - started);
        Outage outage = new Outage(mode, Duration.ofNanos(until - from), demoVisitors.answersSent(from, until),
                radiusVisitors.answersSent(from, until), health.samplesBetween(from, until), back, replayed,
                back.get("spooled").asLong() - spooledBefore);
        System.out.println(outage);

        assertThat(outage.demo().all()).as("demo visitors kept coming").hasSizeGreaterThan(50);
        assertThat(outage.radius().all()).as("pfSense visitors kept coming").hasSizeGreaterThan(10);
        assertThat(outage.demo().failed()).as("every demo visitor got the notice and Continue's way on").isEmpty();
        assertThat(outage.radius().failed()).as("every pfSense visitor got the notice and the login form").isEmpty();
        assertThat(outage.demo().p99()).as("demo visitors' p99").isLessThan(P99_BOUND);
        assertThat(outage.radius().p99()).as("pfSense visitors' p99").isLessThan(P99_BOUND);
        assertThat(unknownDevice.is("Access-Reject")).as("a MAC the database cannot tell about is sent to the notice, at once: %s",
                unknownDevice.output()).isTrue();
        assertThat(knownDevice.is("Access-Accept")).as("a MAC this node saw acknowledge is let on: %s", knownDevice.output()).isTrue();

        List<HealthWatch.Sample> during = outage.health();
        assertThat(during).as("/healthz answered throughout").isNotEmpty().allSatisfy(s -> assertThat(s.tookMillis()).isLessThan(1000));
        assertThat(during).as("/healthz while the database is gone").anySatisfy(s -> {
            assertThat(s.report().get("status").asText()).isEqualTo("degraded");
            assertThat(s.report().get("writes").asText()).isEqualTo("spooling");
            assertThat(s.report().get("spool").get("batches").asInt()).isPositive();
            assertThat(s.spoolFileExists()).isTrue();
        });
        assertThat(during).noneSatisfy(s -> assertThat(s.report().get("status").asText()).isEqualTo("not ready"));
        assertThat(back.get("writes").asText()).as("%s", back).isEqualTo("direct");
        assertThat(back.get("store").asText()).isEqualTo("reachable");
        assertThat(back.get("spool").get("bytes").asLong()).isZero();
        assertThat(Files.exists(spoolFile)).as("the spool file is gone once replayed").isFalse();
        return outage;
    }

    private void assertEverythingAnsweredIsStoredOnce(Connection c) throws Exception {
        demoVisitors.assertStoredOnce(PortalLoad.read(c, "load"));

        Map<String, long[]> byDevice = new ConcurrentHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT device_key, COUNT(*) FILTER (WHERE kind = 'shown'), "
                + "COUNT(*) FILTER (WHERE kind = 'acknowledged') FROM impression WHERE venue = 'station' GROUP BY device_key")) {
            while (rs.next()) {
                byDevice.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        assertThat(byDevice.values()).as("no pfSense visitor's notice or acknowledgement stored twice")
                .allSatisfy(n -> assertThat(Math.max(n[0], n[1])).isLessThanOrEqualTo(1));
        assertThat(byDevice.values().stream().filter(n -> n[0] == 1).count()).as("pfSense notices stored")
                .isBetween((long) radiusVisitors.noticesServed.size(), radiusVisitors.noticesRequested.get());
        assertThat(byDevice.values().stream().filter(n -> n[1] == 1).count()).as("pfSense acknowledgements stored")
                .isBetween((long) radiusVisitors.formsServed.size(), radiusVisitors.formsRequested.get());
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT device_key) FROM grant_redemption")) {
            rs.next();
            assertThat(rs.getLong(1)).as("grant tokens redeemed, each once").isEqualTo(rs.getLong(2))
                    .isBetween((long) radiusVisitors.loggedIn.size(), radiusVisitors.loginsSent.get());
        }

        Map<String, long[]> sessions = new ConcurrentHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT session_id, input_octets, stopped_ms IS NOT NULL, terminate_cause FROM radius_session")) {
            while (rs.next()) {
                sessions.put(rs.getString(1), new long[] {rs.getLong(2), rs.getBoolean(3) ? 1 : 0,
                        "User-Request".equals(rs.getString(4)) ? 1 : 0});
            }
        }
        assertThat(radiusVisitors.accountingAnswered.keySet()).as("every answered accounting record's session is stored")
                .allSatisfy(id -> assertThat(sessions).containsKey(id));
        assertThat(radiusVisitors.accountingSent.keySet()).as("and nothing that was not sent").containsAll(sessions.keySet());
        radiusVisitors.accountingAnswered.forEach((id, octets) -> {
            long[] row = sessions.get(id);
            if (radiusVisitors.stopsAnswered.contains(id)) {
                assertThat(row).as("session %s: closed by its Stop, with the Stop's counters", id).containsExactly(octets, 1, 1);
            } else {
                assertThat(row[0]).as("session %s: at least the counters of its last answered record", id)
                        .isBetween(octets, radiusVisitors.accountingSent.get(id));
            }
        });

        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i.kind, i.n, d.n FROM "
                + "(SELECT kind, COUNT(*) AS n FROM impression GROUP BY kind) i "
                + "FULL JOIN (SELECT kind, SUM(count) AS n FROM impression_daily GROUP BY kind) d ON d.kind = i.kind")) {
            while (rs.next()) {
                assertThat(rs.getLong(3)).as("daily roll-up of %s impressions: each counted once", rs.getString(1)).isEqualTo(rs.getLong(2));
            }
        }
    }

    /** The spool files the database applied batches from, with the number of batches of each. */
    private static Map<String, Long> spoolsApplied(Connection c) throws Exception {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT spool, last_sequence FROM applied_batch")) {
            while (rs.next()) {
                applied.put(rs.getString(1), rs.getLong(2));
            }
        }
        System.out.printf("  spool batches applied: %s%n", applied.values());
        return applied;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Visitors of a pfSense gateway, each a device the portal has not seen (so it asks the database whether it is
     * returning): the notice, Continue, and the RADIUS login pfSense sends with the one-time token; and a NAS sending
     * accounting for sessions (Start, Interim-Update, Stop), each record sent once it had its answer.
     */
    private final class RadiusVisitors {
        final AtomicLong noticesRequested = new AtomicLong();
        final Set<String> noticesServed = ConcurrentHashMap.newKeySet();
        final AtomicLong formsRequested = new AtomicLong();
        final Set<String> formsServed = ConcurrentHashMap.newKeySet();
        final AtomicLong loginsSent = new AtomicLong();
        /** The MACs whose login got an Access-Accept. */
        final Set<String> loggedIn = ConcurrentHashMap.newKeySet();
        final AtomicLong loginsRejected = new AtomicLong();
        /** Accounting sessions, with the highest input octets sent, and answered, for each. */
        final Map<String, Long> accountingSent = new ConcurrentHashMap<>();
        final Map<String, Long> accountingAnswered = new ConcurrentHashMap<>();
        final Set<String> stopsAnswered = ConcurrentHashMap.newKeySet();
        private final AtomicLong devices = new AtomicLong();
        private final ConcurrentLinkedQueue<PortalLoad.Answer> answers = new ConcurrentLinkedQueue<>();

        void arriveAndLogIn(AtomicBoolean running) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            while (running.get()) {
                long n = devices.incrementAndGet();
                String mac = "02:42:00:%02x:%02x:%02x".formatted(n >> 16 & 0xff, n >> 8 & 0xff, n & 0xff);
                long asked = System.nanoTime();
                try {
                    noticesRequested.incrementAndGet();
                    HttpResponse<String> notice = http.send(HttpRequest.newBuilder(portal.uri("/pfsense/pf/?portal_action="
                            + enc("http://192.168.10.1:8002/index.php?zone=guests") + "&zone=guests&redirurl=" + enc("http://example.com/")
                            + "&client_mac=" + mac + "&client_ip=192.168.10.50")).header("Accept-Language", "en")
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    Matcher visit = VISIT.matcher(notice.body());
                    boolean shown = notice.statusCode() == 200 && visit.find();
                    answers.add(new PortalLoad.Answer(asked, System.nanoTime() - asked, shown ? 200 : notice.statusCode(),
                            PortalLoad.showsTrace(notice.body())));
                    if (!shown) {
                        continue;
                    }
                    noticesServed.add(mac);
                    formsRequested.incrementAndGet();
                    asked = System.nanoTime();
                    HttpResponse<String> form = http.send(HttpRequest.newBuilder(portal.uri("/continue"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("v=" + visit.group(1) + "&lang=en")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    Matcher user = USER.matcher(form.body());
                    Matcher password = PASSWORD.matcher(form.body());
                    boolean login = form.statusCode() == 200 && user.find() && password.find();
                    answers.add(new PortalLoad.Answer(asked, System.nanoTime() - asked, login ? 200 : form.statusCode(),
                            PortalLoad.showsTrace(form.body())));
                    if (!login) {
                        continue;
                    }
                    formsServed.add(mac);
                    loginsSent.incrementAndGet();
                    Radclient.Reply reply = Radclient.send("127.0.0.1:" + authPort, "auth", NAS_SECRET, """
                            User-Name = "%s"
                            User-Password = "%s"
                            Calling-Station-Id = "%s"
                            Message-Authenticator = 0x00
                            """.formatted(user.group(1), password.group(1), mac));
                    if (reply.is("Access-Accept")) {
                        loggedIn.add(mac);
                    } else {
                        loginsRejected.incrementAndGet();
                    }
                } catch (Exception e) {
                    answers.add(new PortalLoad.Answer(asked, System.nanoTime() - asked, 0, false));
                }
            }
        }

        void account(AtomicBoolean running) {
            for (long n = 1; running.get(); n++) {
                String session = "visit-" + n;
                String mac = "02:43:00:00:%02x:%02x".formatted(n >> 8 & 0xff, n & 0xff);
                String[] steps = {"Start", "Interim-Update", "Stop"};
                for (int step = 0; step < steps.length; step++) {
                    long octets = n * 1000 + step;
                    accountingSent.put(session, octets);
                    try {
                        Radclient.Reply reply = Radclient.send("127.0.0.1:" + acctPort, "acct", NAS_SECRET, """
                                Acct-Status-Type = %s
                                Acct-Session-Id = "%s"
                                User-Name = "%s"
                                Calling-Station-Id = "%s"
                                Acct-Input-Octets = %d
                                Acct-Session-Time = %d
                                %s""".formatted(steps[step], session, mac, mac, octets, step * 60,
                                step == 2 ? "Acct-Terminate-Cause = User-Request" : ""));
                        if (reply.is("Accounting-Response")) {
                            accountingAnswered.put(session, octets);
                            if (step == 2) {
                                stopsAnswered.add(session);
                            }
                        }
                    } catch (Exception e) {
                        // radclient did not run to the end: not answered
                    }
                }
            }
        }

        Radclient.Reply macAuthentication(String mac) throws Exception {
            return Radclient.send("127.0.0.1:" + authPort, "auth", NAS_SECRET, """
                    User-Name = "%s"
                    User-Password = "%s"
                    Calling-Station-Id = "%s"
                    Message-Authenticator = 0x00
                    """.formatted(mac, mac, mac));
        }

        /** Waits (at most a minute) until {@code count} visitors have logged in. */
        boolean awaitLogins(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (loggedIn.size() < count && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
            return loggedIn.size() >= count;
        }

        PortalLoad.Answers answersSent(long fromNanos, long toNanos) {
            return PortalLoad.Answers.sent(answers, fromNanos, toNanos);
        }

        @Override
        public String toString() {
            return "notices served " + noticesServed.size() + " (requested " + noticesRequested + "), login forms " + formsServed.size()
                    + ", logins accepted " + loggedIn.size() + " (sent " + loginsSent + ", rejected " + loginsRejected + "), accounting sessions "
                    + accountingSent.size() + " (answered " + accountingAnswered.size() + ", closed by an answered Stop " + stopsAnswered.size()
                    + ")";
        }
    }

    /** {@code /healthz}, asked every 100 ms as a load balancer would, with how long it took and whether the spool file was there. */
    private final class HealthWatch {
        record Sample(long atNanos, long tookMillis, JsonNode report, boolean spoolFileExists) {
        }

        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

        void watch(AtomicBoolean running) {
            while (running.get()) {
                long at = System.nanoTime();
                try {
                    JsonNode report = portal.health();
                    samples.add(new Sample(at, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at), report,
                            Files.exists(dir.resolve("data/events.spool"))));
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    samples.add(new Sample(at, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at), unanswered(e), false));
                }
            }
        }

        private static JsonNode unanswered(Exception e) {
            return new ObjectMapper().createObjectNode().put("status", "unanswered").put("writes", "-")
                    .put("problem", e.toString());
        }

        List<Sample> samplesBetween(long fromNanos, long toNanos) {
            return new ArrayList<>(samples.stream().filter(s -> s.atNanos() - fromNanos >= 0 && s.atNanos() - toNanos < 0).toList());
        }
    }
}
