package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Shell;

/**
 * Prometheus's own checker (Debian's promtool) on what deploy/monitoring ships and on what the built jar exposes:
 * the alert rules are valid and fire as their unit tests say, and /metrics passes the exposition-format lint.
 */
class MonitoringRulesIT {
    @TempDir
    Path dir;

    @Test
    void theAlertRulesAreValidPrometheusRules() throws Exception {
        Shell.Result check = Shell.run(Duration.ofSeconds(60), "promtool", "check", "rules", "deploy/monitoring/bluezone-alerts.yaml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 13 rules found");
    }

    @Test
    void theAlertRulesFireAsTheirUnitTestsSay() throws Exception {
        Shell.Result test = Shell.run(Duration.ofSeconds(60), "promtool", "test", "rules", "deploy/monitoring/bluezone-alerts.test.yaml");
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void theJarsMetricsPassPrometheusLint() throws Exception {
        int port = PortalProcess.freePort();
        Path config = PortalProcess.demoConfig(dir, port, "v");
        HttpClient http = HttpClient.newHttpClient();
        try (PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"))) {
            http.send(HttpRequest.newBuilder(portal.uri("/")).build(), HttpResponse.BodyHandlers.discarding());
            Path scraped = Files.writeString(dir.resolve("metrics.txt"),
                    http.send(HttpRequest.newBuilder(portal.uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
            Shell.Result lint = Shell.run(Duration.ofSeconds(60), "sh", "-c", "promtool check metrics < " + scraped);
            assertThat(lint.exitCode()).as(lint.output()).isZero();
        }
    }
}
