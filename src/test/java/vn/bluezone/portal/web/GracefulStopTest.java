package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

/** Stopping the portal: a request being received when the stop begins is still answered. */
class GracefulStopTest {
    @TempDir
    Path dataDir;

    @Test
    void aFormHalfSentWhenTheStopBeginsIsStillAnsweredAndCounted() throws Exception {
        PortalUnderTest portal = new PortalUnderTest(dataDir, "");
        Matcher v = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"").matcher(portal.get("/").body());
        assertThat(v.find()).isTrue();
        String form = "v=" + v.group(1) + "&lang=en";
        int port = portal.uri("/").getPort();
        try (Socket visitor = new Socket("127.0.0.1", port)) {
            visitor.setSoTimeout(10_000);
            OutputStream out = visitor.getOutputStream();
            out.write(("POST /continue HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + form.length() + "\r\nConnection: close\r\n\r\n" + form.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitInFlight(portal, 1);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(portal::close);
            Thread.sleep(700);
            assertThat(stopped).as("the stop waits for the request in flight").isNotDone();
            out.write(form.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(visitor.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 303");
            stopped.join();
        }
    }

    /** Waits until {@code n} requests besides the scrape itself are being handled, as {@code /metrics} tells. */
    static void awaitInFlight(PortalUnderTest portal, int n) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (MetricsEndpointTest.sample(portal.get("/metrics").body(), "bluezone_http_requests_in_flight") >= n + 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the portal never had " + n + " requests in flight");
    }
}
