package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bluezone.portal.testing.PortalProcess;
import vn.bluezone.portal.testing.Shell;

/**
 * The built portal as the FAS of a real openNDS 9.10 gateway, in network namespaces this test makes
 * ({@code src/test/testbed/opennds/}): a scripted phone is redirected to the notice, taps Continue,
 * gets online through the gateway; replays and wrong grants are refused; exactly one impression of
 * each kind is stored. Levels 0 to 2 send the phone back to the gateway; at level 3 the portal serves
 * https and the gateway's authmon fetches the phone from the portal, also across an authmon restart.
 */
class OpenNdsGatewayIT {
    private static final Path TESTBED = Path.of("src/test/testbed/opennds").toAbsolutePath();
    private static final String FASKEY = "TestbedKey2020x";
    private static final String CLIENT_IP = "10.231.1.10";
    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() throws Exception {
        Shell.Result id = Shell.run(Duration.ofSeconds(5), "id", "-u");
        assertThat(id.output().strip()).as("the gateway test bed creates network namespaces: run the tests as root").isEqualTo("0");
    }

    @AfterEach
    void teardown() throws Exception {
        Shell.run(STEP, "bash", TESTBED.resolve("teardown.sh").toString());
    }

    /** Starts the bed with the built portal as its FAS; at level 3 the portal's https listener is the FAS port. */
    private void startBed(int level) throws Exception {
        Path config = dir.resolve("portal.yaml");
        String http = level == 3
                ? "{host: 0.0.0.0, port: 8081, tls: {port: 8080, certificate: \"${BZ_TB_FAS_TLS_CERT}\", private-key: \"${BZ_TB_FAS_TLS_KEY}\"}}"
                : "{host: 0.0.0.0, port: 8080}";
        String key = level == 0 ? "" : "faskey: " + FASKEY + ", ";
        Files.writeString(config, """
                http: %s
                data-dir: %s
                pages-dir: %s
                venues: [{code: testbed, name: "Bến xe thử nghiệm", session-timeout: 90m, upload-kbps: 2000, download-kbps: 8000}]
                gateways:
                  - {id: testbed-gw, kind: opennds, venue: testbed, %slevel: %d, gateway-name: BzTestbed}
                """.formatted(http, dir.resolve("data"), Path.of("portal-pages").toAbsolutePath(), key, level));
        String portal = "java -Xmx256m -jar " + PortalProcess.jar().toAbsolutePath() + " --config " + config;

        Shell.Result setup = Shell.run(STEP, "bash", TESTBED.resolve("setup.sh").toString(), "--level", String.valueOf(level),
                "--fas-path", "/opennds/testbed-gw/", "--fas-key", FASKEY, "--gateway-name", "BzTestbed", "--fas-cmd", portal);
        assertThat(setup.exitCode()).as(setup.output()).isZero();
    }

    @ParameterizedTest(name = "fas_secure_enabled {0}")
    @ValueSource(ints = {0, 1, 2})
    void aVisitorSeesTheNoticeContinuesAndGetsOnline(int level) throws Exception {
        startBed(level);

        Shell.Result visitor = Shell.run(STEP, "bash", TESTBED.resolve("visitor.sh").toString());
        System.out.println(visitor.output());
        assertThat(visitor.exitCode()).as(visitor.output()).isZero();
        assertThat(visitor.output()).contains(level == 0 ? "/opennds/testbed-gw/?authaction=" : "/opennds/testbed-gw/?fas=")
                .contains("/opennds_auth/?tok=").contains("/welcome?");
        assertThat(clientState()).isEqualTo("Authenticated");
        assertThat(counts()).containsExactly(1, 1);

        Shell.Result replay = Shell.run(STEP, "bash", TESTBED.resolve("visitor.sh").toString(), "--replay",
                runDir().resolve("visitor/form-request.txt").toString());
        assertThat(replay.output()).as("a replayed Continue is refused by the portal").contains("409");

        assertThat(ndsctl("deauth", CLIENT_IP).output()).contains("deauthenticated");
        Shell.Result wrongGrant = inClient("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                "http://10.231.1.1:2050/opennds_auth/?tok=" + "0".repeat(64) + "&redir=http%3a%2f%2f10.231.2.2%2f");
        assertThat(wrongGrant.output()).as("openNDS sends a wrong grant back to the FAS").startsWith("307 http://10.231.2.3:8080/opennds/testbed-gw/");
        assertThat(clientState()).isNotEqualTo("Authenticated");

        Shell.Result forged = inClient("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-d", "v=forged-visit-token",
                "http://10.231.2.3:8080/continue");
        assertThat(forged.output()).isEqualTo("400");

        assertThat(ndsctl("status").exitCode()).as("openNDS is still running").isZero();
        assertThat(counts()).as("exactly one shown and one acknowledged impression").containsExactly(1, 1);
    }

    @Test
    void atLevel3AuthmonLetsTheVisitorInEvenWhenItRestartsWhileTheVisitorWaits() throws Exception {
        startBed(3);
        assertThat(authmonctl("stop").exitCode()).isZero();

        Path visitorLog = dir.resolve("visitor.log");
        Process visitor = new ProcessBuilder("bash", TESTBED.resolve("visitor.sh").toString())
                .redirectErrorStream(true).redirectOutput(visitorLog.toFile()).start();
        Path hops = runDir().resolve("visitor/hops.tsv");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(hops) && Files.readString(hops).contains("refresh")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(Files.readString(hops)).as("the visitor waits on the connecting page while authmon is down").contains("refresh");
        assertThat(clientState()).isNotEqualTo("Authenticated");

        Shell.Result restarted = authmonctl("start");
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(visitor.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(visitorLog);
        System.out.println(output);
        assertThat(visitor.exitValue()).as(output).isZero();
        assertThat(output).contains("https://10.231.2.3:8080/opennds/testbed-gw/?fas=").contains("/connecting?").contains("/welcome?")
                .doesNotContain("/opennds_auth/");
        assertThat(clientState()).isEqualTo("Authenticated");

        JsonNode client = ndsctlJson();
        assertThat(client.findValue("session_end").asLong() - client.findValue("session_start").asLong())
                .as("the venue's session-timeout, 90 minutes, handed to the gateway").isBetween(90 * 60L - 5, 90 * 60L + 5);
        assertThat(client.findValue("custom").asText()).isEqualTo("dmVudWU9dGVzdGJlZA==");

        String gatewayHash = authmonArgument("gatewayhash");
        Shell.Result view = Shell.run(STEP, "ip", "netns", "exec", "bz-up", "curl", "-s", "--cacert", runDir().resolve("tls/ca.pem").toString(),
                "-d", "auth_get=view&gatewayhash=" + gatewayHash + "&payload=bm9uZQ%3D%3D", "https://10.231.2.3:8080/opennds/testbed-gw/");
        assertThat(view.output()).as("the client is handed out once: nothing is waiting any more").isEqualTo("*");
        assertThat(counts()).containsExactly(1, 1);
        assertThat(ndsctl("status").exitCode()).as("openNDS is still running").isZero();
    }

    private static Shell.Result authmonctl(String command) throws Exception {
        return Shell.run(STEP, "bash", TESTBED.resolve("authmonctl.sh").toString(), command);
    }

    /** A start-up argument openNDS gave authmon, as saved in its tmpfs. */
    private static String authmonArgument(String name) throws Exception {
        Shell.Result args = Shell.run(STEP, "bash", "-c", ". " + TESTBED.resolve("env.sh") + " && in_gw cat /tmp/ndscids/authmonargs");
        for (String line : args.output().split("\n")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("authmonargs has no " + name + ": " + args.output());
    }

    private static Path runDir() {
        String env = System.getenv("BZ_TB_RUN_DIR");
        return Path.of(env == null ? "/var/tmp/bluezone-testbed/run" : env);
    }

    private static Shell.Result ndsctl(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = TESTBED.resolve("ndsctl.sh").toString();
        System.arraycopy(args, 0, command, 2, args.length);
        return Shell.run(STEP, command);
    }

    private static Shell.Result inClient(String... command) throws Exception {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = "bz-client";
        System.arraycopy(command, 0, full, 4, command.length);
        return Shell.run(STEP, full);
    }

    /** The client as openNDS reports it ({@code ndsctl json}), or an empty object. */
    private static JsonNode ndsctlJson() throws Exception {
        Shell.Result json = ndsctl("json", CLIENT_IP);
        if (json.exitCode() != 0 || !json.output().strip().startsWith("{")) {
            return new ObjectMapper().createObjectNode();
        }
        return new ObjectMapper().readTree(json.output());
    }

    /** The client's state as openNDS reports it, or "absent". */
    private static String clientState() throws Exception {
        JsonNode state = ndsctlJson().findValue("state");
        return state == null ? "absent" : state.asText();
    }

    /** Shown and acknowledged totals, from the portal's own statistics API (plain http on loopback inside its namespace). */
    private int[] counts() throws Exception {
        String port = Files.readString(dir.resolve("portal.yaml")).contains("port: 8081") ? "8081" : "8080";
        Shell.Result stats = Shell.run(STEP, "ip", "netns", "exec", "bz-up", "curl", "-s", "http://127.0.0.1:" + port + "/api/stats?venue=testbed");
        JsonNode totals = new ObjectMapper().readTree(stats.output()).get("totals");
        return new int[] {totals.get("shown").asInt(), totals.get("acknowledged").asInt()};
    }
}
