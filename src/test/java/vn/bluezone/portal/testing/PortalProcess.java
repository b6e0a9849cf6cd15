package vn.bluezone.portal.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The built jar ({@code target/bluezone-portal.jar}) running as its own process, as an operator runs it.
 * Used where the test must do to the portal what only happens to a process: {@code kill -9}, restarts.
 */
public final class PortalProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private PortalProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("portal.jar", "target/bluezone-portal.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn package' first");
        }
        return jar;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A UDP port free on loopback right now (for a RADIUS server's auth or accounting port). */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Writes a configuration for one demo venue (code {@code venue}) on loopback, with its data under
     * {@code dir/data} and the shipped campaign, and returns the file.
     */
    public static Path demoConfig(Path dir, int port, String venue) throws IOException {
        return demoConfig(dir, port, venue, "");
    }

    /** {@link #demoConfig(Path, int, String)} with more top-level YAML (e.g. {@code store:} or {@code radius:} sections). */
    public static Path demoConfig(Path dir, int port, String venue, String moreYaml) throws IOException {
        return Files.writeString(dir.resolve("portal.yaml"), """
                http: {host: 127.0.0.1, port: %d}
                data-dir: %s
                pages-dir: %s
                venues: [{code: %s, name: Test venue}]
                gateways: [{id: %s, kind: demo, venue: %s}]
                # the tests' load comes from one address on purpose: no counting limits
                counting: {device-limit: 0, address-limit: 0}
                """.formatted(port, dir.resolve("data"), Path.of("portal-pages").toAbsolutePath(), venue, venue, venue) + moreYaml);
    }

    /** A {@code radius:} section on loopback with one NAS client (127.0.0.1) of {@code venue}. */
    public static String radiusYaml(int authPort, int acctPort, String secret, String venue) {
        return """
                radius:
                  host: 127.0.0.1
                  auth-port: %d
                  acct-port: %d
                  clients: [{name: test-nas, address: 127.0.0.1, secret: %s, venue: %s}]
                """.formatted(authPort, acctPort, secret, venue);
    }

    /** What {@code /healthz} says now (its JSON, whatever the status code). */
    public JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(health.body());
    }

    /** Waits until {@code /healthz} satisfies {@code condition}; returns the last answer, satisfying or not. */
    public JsonNode awaitHealth(Predicate<JsonNode> condition, Duration timeout) throws IOException, InterruptedException {
        return awaitHealth(condition, timeout, () -> { });
    }

    /** The same, doing {@code beforeEachLook} before every look after the first (keeping a disk full, say). */
    public JsonNode awaitHealth(Predicate<JsonNode> condition, Duration timeout, Chore beforeEachLook)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = health();
        while (!condition.test(last) && Instant.now().isBefore(deadline)) {
            beforeEachLook.run();
            Thread.sleep(20);
            last = health();
        }
        return last;
    }

    /** Something a test does while it waits. */
    @FunctionalInterface
    public interface Chore {
        void run() throws IOException;
    }

    public Path log() {
        return log;
    }

    /** Starts the jar with a config whose {@code http.port} is {@code port}, and waits until it is ready. */
    public static PortalProcess start(Path config, int port, Path log) throws IOException, InterruptedException {
        return start(config, port, log, Map.of(), Duration.ofSeconds(30));
    }

    /**
     * The same, with these variables added to the environment (for {@code ${NAME}} in the config), waiting up to
     * {@code readyWithin} (several processes starting at once on a busy machine take longer).
     */
    public static PortalProcess start(Path config, int port, Path log, Map<String, String> environment, Duration readyWithin)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", jar().toAbsolutePath().toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        PortalProcess portal = new PortalProcess(process, port, log);
        portal.awaitReady(readyWithin);
        return portal;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("portal exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("portal not ready after " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Sends SIGTERM, as systemd stops the service, without waiting. */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the process to end; true if it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public int port() {
        return port;
    }

    /** SIGTERM, as systemd stops the service; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("portal did not stop within " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
