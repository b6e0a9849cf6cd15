package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.RawHttp;

/**
 * Oversized and slow requests over raw sockets: each gets a bounded answer (a status and the short page in the
 * visitor's language, or the connection closed) within the configured time, and the portal keeps answering.
 */
class RequestLimitsTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = PortalUnderTest.withHttp(dataDir, "  request-timeout: 1s");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private String exchange(String request) throws Exception {
        try (RawHttp connection = new RawHttp(portal.port(), Duration.ofSeconds(5))) {
            connection.send(request);
            return connection.readAll();
        }
    }

    private void assertBoundedPage(String received, int status) {
        assertThat(RawHttp.status(received)).as(received.lines().findFirst().orElse("(nothing)")).isEqualTo(status);
        assertThat(received).contains("Content-Security-Policy: default-src 'none'")
                .contains("<html lang=\"vi\"").contains("<p lang=\"en\">").doesNotContain("Exception");
    }

    private void assertStillAnswers() throws Exception {
        assertThat(portal.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aHeaderBlockOverThirtyTwoKilobytesGets431WithThePage() throws Exception {
        assertBoundedPage(exchange("GET / HTTP/1.1\r\nHost: portal\r\nX-Filler: " + "a".repeat(40_000) + "\r\n\r\n"), 431);
        assertStillAnswers();
    }

    @Test
    void moreThanAHundredHeaderLinesGet431() throws Exception {
        StringBuilder request = new StringBuilder("GET /notice HTTP/1.1\r\nHost: portal\r\n");
        for (int i = 0; i < 150; i++) {
            request.append("X-Line-").append(i).append(": x\r\n");
        }
        assertBoundedPage(exchange(request + "\r\n"), 431);
    }

    @Test
    void aHeaderBlockBeyondWhatTheParserBuffersIsRefusedAndClosedWithoutAPage() throws Exception {
        String received = exchange("GET / HTTP/1.1\r\nHost: portal\r\nX-Filler: " + "a".repeat(100_000) + "\r\n\r\n");
        assertThat(RawHttp.status(received)).isIn(0, 400);
        assertThat(received).doesNotContain("Exception").doesNotContain("<html");
        assertStillAnswers();
    }

    @Test
    void aQueryStringLongerThanTheLimitOrAPathOverTwoKilobytesGets414OnEveryRoute() throws Exception {
        String query = "?v=" + "A".repeat(20_000);
        for (String path : List.of("/", "/notice", "/opennds/hue-gw/", "/meraki/hue-meraki/", "/welcome", "/login", "/api/stats",
                "/dashboard", "/store/ios", "/no-such-page")) {
            assertBoundedPage(exchange("GET " + path + query + " HTTP/1.1\r\nHost: portal\r\n\r\n"), 414);
        }
        assertBoundedPage(exchange("GET /opennds/" + "a".repeat(3000) + "/ HTTP/1.1\r\nHost: portal\r\n\r\n"), 414);
        assertStillAnswers();
    }

    @Test
    void aDeclaredBodyOverSixtyFourKilobytesGets413WithoutBeingRead() throws Exception {
        for (String path : List.of("/continue", "/login", "/logout", "/admin/users", "/admin/venues", "/opennds/hue-gw/",
                "/api/gateways/hue-gw/redeem", "/api/sessions/disconnect", "/healthz")) {
            try (RawHttp connection = new RawHttp(portal.port(), Duration.ofSeconds(5))) {
                // the headers alone: the portal answers without waiting for the megabyte announced
                connection.send("POST " + path + " HTTP/1.1\r\nHost: portal\r\n" + FORM + "Content-Length: 1048576\r\n\r\n");
                String received = connection.readAll();
                assertBoundedPage(received, 413);
                assertThat(received).as("the unread body is not waited for").contains("Connection: close");
            }
        }
        assertStillAnswers();
    }

    @Test
    void aContinueFormLongerThanItsEightKilobytesGets413() throws Exception {
        String form = "v=" + "A".repeat(9_998);
        assertBoundedPage(exchange("POST /continue HTTP/1.1\r\nHost: portal\r\n" + FORM + "Content-Length: " + form.length() + "\r\n\r\n"
                + form), 413);
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOff() throws Exception {
        String chunk = "v=" + "A".repeat(8_190);
        String received = exchange("POST /continue HTTP/1.1\r\nHost: portal\r\n" + FORM + "Transfer-Encoding: chunked\r\n\r\n"
                + (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").repeat(9) + "0\r\n\r\n");
        // the length is known only while reading: Undertow closes the connection once the form passes its limit
        assertThat(RawHttp.status(received)).isIn(0, 413);
        assertThat(received).doesNotContain("Exception");
        assertStillAnswers();
    }

    @Test
    void headersDribbledByteByByteAreCutOffAfterTheRequestTimeout() throws Exception {
        try (RawHttp slowloris = new RawHttp(portal.port(), Duration.ofSeconds(5))) {
            Optional<Duration> closedAfter = slowloris.dribble("GET / HTTP/1.1\r\nHost: portal\r\nX-Slow: " + "b".repeat(500) + "\r\n\r\n",
                    Duration.ofMillis(50), Duration.ofSeconds(8));
            assertThat(closedAfter).as("the server closed the connection").isPresent();
            assertThat(closedAfter.get()).isBetween(REQUEST_TIMEOUT.minusMillis(200), REQUEST_TIMEOUT.multipliedBy(3));
        }
        assertStillAnswers();
    }

    @Test
    void bodiesSentSlowlyAreCutOffAfterTheRequestTimeoutWithoutHoldingTheWorkers() throws Exception {
        // more slow senders than Undertow has worker threads (8 per core), on the routes that read their form blocking
        int senders = 40;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Optional<Duration>>> cutOff = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String path = List.of("/login", "/continue", "/admin/users", "/logout").get(i % 4);
                cutOff.add(pool.submit(() -> {
                    try (RawHttp slow = new RawHttp(portal.port(), Duration.ofSeconds(5))) {
                        slow.send("POST " + path + " HTTP/1.1\r\nHost: portal\r\n" + FORM + "Content-Length: 400\r\n\r\n");
                        return slow.dribble("a".repeat(400), Duration.ofMillis(50), Duration.ofSeconds(8));
                    }
                }));
            }
            Thread.sleep(300);
            long before = System.nanoTime();
            assertThat(portal.get("/login").statusCode()).as("a sign-in form while the slow senders hold connections").isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(REQUEST_TIMEOUT.multipliedBy(3));
            for (Future<Optional<Duration>> f : cutOff) {
                Optional<Duration> closedAfter = f.get();
                assertThat(closedAfter).as("the server closed the slow body's connection").isPresent();
                assertThat(closedAfter.get()).isLessThan(REQUEST_TIMEOUT.multipliedBy(3));
            }
        } finally {
            pool.shutdownNow();
        }
        assertStillAnswers();
    }
}
