package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Shell;

/** The jar as an operator runs it: bad configuration, help, and a clean stop on SIGTERM. */
class CommandLineIT {
    @TempDir
    Path dir;

    private Shell.Result java(String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = "java";
        command[1] = "-jar";
        command[2] = PortalProcess.jar().toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 3, args.length);
        return Shell.run(Duration.ofSeconds(60), command);
    }

    @Test
    void anInvalidConfigurationStopsTheStartWithTheKeyAndTheProblem() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                venues: [{code: v}]
                gateways: [{id: g, kind: opennds, venue: v, faskey: "1234567890"}]
                """);
        Shell.Result result = java("--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("gateways[0].faskey").contains("public default").doesNotContain("at vn.");

        Files.writeString(config, "http:\n  port: ${BZ_SURELY_UNSET_VARIABLE}\n");
        Shell.Result unset = java("--config", config.toString());
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.output()).contains("BZ_SURELY_UNSET_VARIABLE");
    }

    @Test
    void helpExplainsTheOptions() throws Exception {
        Shell.Result help = java("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--config FILE");
        assertThat(java("--bogus").exitCode()).isEqualTo(64);
    }

    @Test
    void sigtermStopsPromptlyAndKeepsEveryImpression() throws Exception {
        int port = PortalProcess.freePort();
        Path config = PortalProcess.demoConfig(dir, port, "v");
        HttpClient http = HttpClient.newHttpClient();
        try (PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"))) {
            for (int i = 0; i < 20; i++) {
                assertThat(http.send(HttpRequest.newBuilder(portal.uri("/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                        .isEqualTo(200);
            }
            long started = System.nanoTime();
            portal.terminate(Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        try (PortalProcess again = PortalProcess.start(config, port, dir.resolve("portal.log"))) {
            String stats = http.send(HttpRequest.newBuilder(again.uri("/api/stats?venue=v")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(stats).contains("\"totals\":{\"shown\":20,");
        }
    }

    /**
     * SIGTERM while 8 clients keep asking for the notice and one visitor is half-way through sending the Continue
     * form: that visitor's request, in flight when the signal came, is finished and its acknowledgement kept; every
     * notice answered 200 is stored; the others are refused (503 or a closed connection), none hangs; the process is
     * gone within 10 s.
     */
    @Test
    void sigtermUnderLoadFinishesRequestsInFlightKeepsTheirEventsAndStopsWithinTenSeconds() throws Exception {
        int port = PortalProcess.freePort();
        Path config = PortalProcess.demoConfig(dir, port, "v");
        Path log = dir.resolve("portal.log");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong served = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong connectionErrors = new AtomicLong();
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long terminated;
        String halfSentAnswer;
        try (PortalProcess portal = PortalProcess.start(config, port, log)) {
            String notice = http.send(HttpRequest.newBuilder(portal.uri("/")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher v = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"").matcher(notice);
            assertThat(v.find()).isTrue();
            String form = "v=" + v.group(1) + "&lang=en";
            try (Socket visitor = new Socket("127.0.0.1", port)) {
                visitor.setSoTimeout(15_000);
                OutputStream out = visitor.getOutputStream();
                out.write(("POST /continue HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + form.length() + "\r\nConnection: close\r\n\r\n" + form.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitRequestsInFlight(http, portal, 1);
                List<Future<?>> load = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    load.add(clients.submit(() -> askForTheNoticeUntilRefused(http, portal, stopping, served, refused, connectionErrors)));
                }
                Thread.sleep(1500);
                assertThat(served.get()).as("notices served before the signal").isPositive();
                terminated = System.nanoTime();
                stopping.set(true);
                portal.sigterm();
                Thread.sleep(1000);
                out.write(form.substring(10).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                halfSentAnswer = readAll(visitor.getInputStream());
                assertThat(portal.awaitExit(Duration.ofSeconds(15))).as("exited").isTrue();
                Duration stoppedIn = Duration.ofNanos(System.nanoTime() - terminated);
                assertThat(stoppedIn).isLessThan(Duration.ofSeconds(10));
                for (Future<?> f : load) {
                    f.get();
                }
                System.out.printf("SIGTERM under load: process gone %d ms after the signal; %d notices served, %d refused with 503, "
                        + "%d connection errors%n", stoppedIn.toMillis(), served.get(), refused.get(), connectionErrors.get());
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(halfSentAnswer).as("the request in flight at SIGTERM was answered").startsWith("HTTP/1.1 303");
        assertThat(Files.readString(log)).contains("stopped in");

        try (PortalProcess again = PortalProcess.start(config, port, dir.resolve("again.log"))) {
            String stats = http.send(HttpRequest.newBuilder(again.uri("/api/stats?venue=v")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher shown = Pattern.compile("\"totals\":\\{\"shown\":(\\d+),\"acknowledged\":(\\d+)").matcher(stats);
            assertThat(shown.find()).as(stats).isTrue();
            long stored = Long.parseLong(shown.group(1));
            // the notice fetched for the visit token, plus every one the clients got
            assertThat(stored).as("stored vs %d served, %d refused, %d connection errors", served.get(), refused.get(), connectionErrors.get())
                    .isBetween(served.get() + 1, served.get() + 1 + connectionErrors.get());
            assertThat(Long.parseLong(shown.group(2))).isEqualTo(1);
        }
    }

    /** GET / until the portal refuses (503, or no connection); a request that hangs fails the test. */
    private static void askForTheNoticeUntilRefused(HttpClient http, PortalProcess portal, AtomicBoolean stopping, AtomicLong served,
            AtomicLong refused, AtomicLong connectionErrors) {
        HttpRequest notice = HttpRequest.newBuilder(portal.uri("/")).timeout(Duration.ofSeconds(12)).build();
        while (true) {
            try {
                int status = http.send(notice, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    served.incrementAndGet();
                    continue;
                }
                assertThat(status).as("a refusal while stopping").isEqualTo(503);
                assertThat(stopping.get()).as("refused only after SIGTERM").isTrue();
                refused.incrementAndGet();
                return;
            } catch (java.net.http.HttpTimeoutException e) {
                throw new AssertionError("a request hung while the portal stopped", e);
            } catch (IOException e) {
                assertThat(stopping.get()).as("connection failed only after SIGTERM: " + e).isTrue();
                connectionErrors.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until {@code n} requests besides the scrape itself are being handled, as {@code /metrics} tells. */
    private static void awaitRequestsInFlight(HttpClient http, PortalProcess portal, int n) throws Exception {
        Pattern inFlight = Pattern.compile("(?m)^bluezone_http_requests_in_flight (\\S+)$");
        for (int i = 0; i < 200; i++) {
            Matcher m = inFlight.matcher(http.send(HttpRequest.newBuilder(portal.uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (m.find() && Double.parseDouble(m.group(1)) >= n + 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the portal never had " + n + " requests in flight");
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
