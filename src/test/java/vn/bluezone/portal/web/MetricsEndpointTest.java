package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

/** {@code GET /metrics}: what an operator's Prometheus reads, and who may read it. */
class MetricsEndpointTest {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDir;

    /** The value of one sample line, e.g. {@code bluezone_impressions_total{kind="shown"}}. */
    static double sample(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as("%s in%n%s", series, exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void loopbackReadsCountersOfWhatVisitorsDidInThePrometheusTextFormat() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, "")) {
            HttpResponse<String> notice = portal.get("/");
            Matcher v = VISIT.matcher(notice.body());
            assertThat(v.find()).isTrue();
            assertThat(portal.postForm("/continue", "v=" + v.group(1) + "&lang=vi").statusCode()).isEqualTo(303);
            assertThat(portal.get("/no-such-page").statusCode()).isEqualTo(404);

            HttpResponse<String> metrics = portal.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            String text = metrics.body();
            assertThat(sample(text, "bluezone_impressions_total{kind=\"shown\"}")).isEqualTo(1);
            assertThat(sample(text, "bluezone_impressions_total{kind=\"acknowledged\"}")).isEqualTo(1);
            assertThat(sample(text, "bluezone_impressions_total{kind=\"store_click\"}")).isZero();
            assertThat(sample(text, "bluezone_events_stored_total{type=\"impression\"}")).isEqualTo(2);
            assertThat(sample(text, "bluezone_http_requests_total{route=\"arrival\",status=\"2xx\"}")).isEqualTo(1);
            assertThat(sample(text, "bluezone_http_requests_total{route=\"acknowledge\",status=\"3xx\"}")).isEqualTo(1);
            assertThat(sample(text, "bluezone_http_requests_total{route=\"other\",status=\"4xx\"}")).isEqualTo(1);
            assertThat(text).contains("# TYPE bluezone_http_request_duration_seconds histogram");
            assertThat(sample(text, "bluezone_http_request_duration_seconds_bucket{route=\"arrival\",le=\"+Inf\"}")).isEqualTo(1);
            assertThat(sample(text, "bluezone_http_request_duration_seconds_count{route=\"arrival\"}")).isEqualTo(1);
            assertThat(sample(text, "bluezone_writer_batch_size_count")).isBetween(1.0, 2.0);
            assertThat(sample(text, "bluezone_writer_batch_size_bucket{le=\"+Inf\"}")).isBetween(1.0, 2.0);
            assertThat(sample(text, "bluezone_writer_commit_duration_seconds_count")).isBetween(1.0, 2.0);
            assertThat(sample(text, "bluezone_writer_queue_depth")).isZero();
            assertThat(sample(text, "bluezone_writer_lag_seconds")).isZero();
            assertThat(sample(text, "bluezone_writer_queue_capacity")).isPositive();
            assertThat(sample(text, "bluezone_ready")).isEqualTo(1);
            assertThat(sample(text, "bluezone_spool_bytes")).isZero();
            assertThat(text).contains("jvm_memory_used_bytes{").contains("process_cpu_usage").contains("jvm_gc_")
                    .contains("jvm_threads_live_threads").contains("process_uptime_seconds");
            assertThat(text).as("no RADIUS server, no RADIUS series").doesNotContain("bluezone_radius_requests_total");
        }
    }

    @Test
    void histogramBucketsAreCumulativeAndEndWithTheCount() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, "")) {
            for (int i = 0; i < 5; i++) {
                portal.get("/");
            }
            String text = portal.get("/metrics").body();
            Matcher bucket = Pattern.compile("(?m)^bluezone_http_request_duration_seconds_bucket\\{route=\"arrival\",le=\"([^\"]+)\"} (\\S+)$")
                    .matcher(text);
            double previous = 0;
            int buckets = 0;
            while (bucket.find()) {
                double count = Double.parseDouble(bucket.group(2));
                assertThat(count).as("le=%s", bucket.group(1)).isGreaterThanOrEqualTo(previous);
                previous = count;
                buckets++;
            }
            assertThat(buckets).isGreaterThan(10);
            assertThat(previous).isEqualTo(5).isEqualTo(sample(text, "bluezone_http_request_duration_seconds_count{route=\"arrival\"}"));
            assertThat(sample(text, "bluezone_http_request_duration_seconds_sum{route=\"arrival\"}")).isPositive().isLessThan(5 * 5.0);
        }
    }

    @Test
    void theRadiusServersCountersAreThereWhenItRuns() throws Exception {
        try (PortalUnderTest portal = PortalUnderTest.withRadiusClient(dataDir, "nas", "a-radius-secret-1")) {
            String text = portal.get("/metrics").body();
            assertThat(sample(text, "bluezone_radius_requests_total{result=\"access-accepts\"}")).isZero();
            assertThat(sample(text, "bluezone_radius_requests_total{result=\"unknown-client\"}")).isZero();
        }
    }

    @Test
    void anAddressOutsideMetricsAllowFromIsRefused() throws Exception {
        try (PortalUnderTest portal = new PortalUnderTest(dataDir, "metrics:\n  allow-from: [10.20.0.0/16]")) {
            HttpResponse<String> refused = portal.get("/metrics");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("metrics.allow-from").doesNotContain("bluezone_");
        }
    }
}
