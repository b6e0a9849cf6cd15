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
}
