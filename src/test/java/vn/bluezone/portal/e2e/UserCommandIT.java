package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalProcess;

/** The jar's {@code user} command as an operator runs it, then signing in with the account it made. */
class UserCommandIT {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    /** Runs the jar with {@code stdin} piped in (so no console: the password is read from standard input). */
    private Run jar(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", PortalProcess.jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void anAccountAddedOnTheCommandLineCanSignInAndReadItsVenue() throws Exception {
        int port = PortalProcess.freePort();
        Path config = PortalProcess.demoConfig(dir, port, "hue-station");

        Run added = jar("mat-khau-cua-hue-2026\n", "user", "add", "hue-venue", "--role", "venue", "--venue", "hue-station",
                "--config", config.toString());
        assertThat(added.exitCode()).as(added.output()).isZero();
        assertThat(added.output()).contains("added / đã thêm: hue-venue (venue: hue-station)");

        Run unknownVenue = jar("long-enough-pw\n", "user", "add", "other", "--role", "venue", "--venue", "nowhere", "--config", config.toString());
        assertThat(unknownVenue.exitCode()).isEqualTo(2);
        assertThat(unknownVenue.output()).contains("no venue 'nowhere'").contains("không có địa điểm").doesNotContain("at vn.");
        Run shortPassword = jar("short\n", "user", "add", "ops", "--role", "operator", "--config", config.toString());
        assertThat(shortPassword.exitCode()).isEqualTo(2);
        assertThat(shortPassword.output()).contains("at least 10").contains("ít nhất 10");
        assertThat(jar("", "user", "frobnicate", "--config", config.toString()).exitCode()).isEqualTo(2);

        Run list = jar("", "user", "list", "--config", config.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.output()).containsPattern("hue-venue +venue +hue-station").doesNotContain("ops ");

        Run token = jar("", "user", "token", "hue-venue", "--config", config.toString());
        assertThat(token.exitCode()).isZero();
        String apiToken = token.output().lines().filter(l -> l.startsWith("bz_")).findFirst().orElseThrow();

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (PortalProcess portal = PortalProcess.start(config, port, dir.resolve("portal.log"))) {
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(portal.uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(form.body());
            assertThat(m.find()).isTrue();
            String formCookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bz_login=")).findFirst().orElseThrow();
            HttpResponse<String> in = http.send(HttpRequest.newBuilder(portal.uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", formCookie.substring(0, formCookie.indexOf(';')))
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + m.group(1) + "&username=hue-venue&password="
                            + URLEncoder.encode("mat-khau-cua-hue-2026", StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(303);
            String session = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bz_session=")).findFirst().orElseThrow();
            HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(portal.uri("/dashboard"))
                    .header("Cookie", session.substring(0, session.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("hue-venue").contains("hue-station");

            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(portal.uri("/api/stats?venue=hue-station"))
                    .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);

            Run removed = jar("", "user", "remove", "hue-venue", "--config", config.toString());
            assertThat(removed.exitCode()).isZero();
            HttpResponse<String> afterRemoval = http.send(HttpRequest.newBuilder(portal.uri("/api/stats?venue=hue-station"))
                    .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(afterRemoval.statusCode()).isEqualTo(401);
        }
    }
}
