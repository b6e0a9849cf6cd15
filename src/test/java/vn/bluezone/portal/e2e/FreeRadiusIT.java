package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.PortalSecrets;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.Radclient;
import vn.bluezone.portal.testing.Shell;

/**
 * The portal next to a real FreeRADIUS 3.2 (Debian), run by {@code src/test/testbed/freeradius/}:
 * as the operator's server proxying the realm {@code portal.bluezone} to the portal, with radclient as
 * the NAS behind it; and as a NAS receiving the portal's Disconnect-Request.
 */
class FreeRadiusIT {
    private static final Path TESTBED = Path.of("src/test/testbed/freeradius").toAbsolutePath();
    private static final String PORTAL_SECRET = "freeradius-to-portal-secret";
    private static final String NAS_SECRET = "nas-to-freeradius-secret";
    private static final String COA_SECRET = PORTAL_SECRET;
    private static final int PROXY_AUTH = 28212;
    private static final int PROXY_ACCT = 28213;
    private static final int COA_PORT = 28399;
    private static final String MAC = "02:00:0a:e7:01:0b";
    private static final String NAS_MAC = "02-00-0A-E7-01-0B";

    @TempDir
    Path dataDir;
    @TempDir
    Path proxyRun;
    @TempDir
    Path coaRun;
    private PortalUnderTest portal;
    private GrantTokens tokens;
    private DeviceKeys deviceKeys;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, """
                radius:
                  host: 127.0.0.1
                  auth-port: 0
                  acct-port: 0
                  clients:
                    - name: operator-radius
                      address: 127.0.0.1
                      secret: %s
                      venue: hue-station
                      coa-port: %d
                """.formatted(PORTAL_SECRET, COA_PORT));
        PortalSecrets secrets = PortalSecrets.loadOrCreate(dataDir);
        tokens = GrantTokens.fromSecrets(secrets, portal.clock, Duration.ofMinutes(10));
        deviceKeys = new DeviceKeys(secrets.derive("device-key"));
    }

    @AfterEach
    void stop() throws Exception {
        Shell.run(Duration.ofSeconds(20), TESTBED.resolve("stop.sh").toString(), proxyRun.toString());
        Shell.run(Duration.ofSeconds(20), TESTBED.resolve("stop.sh").toString(), coaRun.toString());
        portal.close();
    }

    private void startFreeRadius(Path run, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = TESTBED.resolve("start.sh").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Shell.Result started = Shell.run(Duration.ofSeconds(60), command);
        assertThat(started.exitCode()).as(started.output()).isZero();
    }

    @Test
    void anOperatorsFreeRadiusProxiesTheRealmToThePortalBothWays() throws Exception {
        startFreeRadius(proxyRun, "proxy", proxyRun.toString(),
                "--listen-auth", Integer.toString(PROXY_AUTH), "--listen-acct", Integer.toString(PROXY_ACCT),
                "--nas-secret", NAS_SECRET,
                "--home-auth", Integer.toString(portal.radius().authPort()), "--home-acct", Integer.toString(portal.radius().acctPort()),
                "--home-secret", PORTAL_SECRET);
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue-station", "en");
        String viaProxy = "127.0.0.1:" + PROXY_AUTH;
        Radclient.Reply accept = Radclient.send(viaProxy, "auth", NAS_SECRET, """
                User-Name = "%s@portal.bluezone"
                User-Password = "%s"
                Calling-Station-Id = "%s"
                Message-Authenticator = 0x00
                """.formatted(token.userName(), token.password(), NAS_MAC), "-t", "5");
        assertThat(accept.is("Access-Accept")).as(accept.output()).isTrue();
        assertThat(accept.output()).contains("Session-Timeout = 7200").contains("WISPr-Bandwidth-Max-Down = 4096000");

        Radclient.Reply replay = Radclient.send(viaProxy, "auth", NAS_SECRET, """
                User-Name = "%s@portal.bluezone"
                User-Password = "%s"
                Calling-Station-Id = "%s"
                Message-Authenticator = 0x00
                """.formatted(token.userName(), token.password(), NAS_MAC), "-t", "5");
        assertThat(replay.is("Access-Reject")).as(replay.output()).isTrue();

        Radclient.Reply elsewhere = Radclient.send(viaProxy, "auth", NAS_SECRET, """
                User-Name = "someone@other.realm"
                User-Password = "whatever"
                Message-Authenticator = 0x00
                """, "-t", "5");
        assertThat(elsewhere.is("Access-Reject")).as("handled by FreeRADIUS itself: " + elsewhere.output()).isTrue();

        Radclient.Reply accounting = Radclient.send("127.0.0.1:" + PROXY_ACCT, "acct", NAS_SECRET, """
                Acct-Status-Type = Start
                Acct-Session-Id = "proxied-0001"
                User-Name = "%s@portal.bluezone"
                Calling-Station-Id = "%s"
                """.formatted(token.userName(), NAS_MAC), "-t", "5");
        assertThat(accounting.is("Accounting-Response")).as(accounting.output()).isTrue();

        HttpResponse<String> counters = portal.get("/api/radius");
        assertThat(counters.body()).contains("\"access-accepts\":1").contains("\"access-rejects\":1").contains("\"accounting-responses\":1");
    }

    @Test
    void theOperatorEndsADevicesSessionAndTheNasAcknowledgesTheDisconnect() throws Exception {
        startFreeRadius(coaRun, "coa", coaRun.toString(), "--coa-port", Integer.toString(COA_PORT), "--secret", COA_SECRET);
        Radclient.Reply start = Radclient.send("127.0.0.1:" + portal.radius().acctPort(), "acct", PORTAL_SECRET, """
                Acct-Status-Type = Start
                Acct-Session-Id = "to-be-ended-01"
                User-Name = "%s"
                Calling-Station-Id = "%s"
                """.formatted(NAS_MAC, NAS_MAC));
        assertThat(start.is("Accounting-Response")).as(start.output()).isTrue();

        HttpResponse<String> ended = portal.postForm("/api/sessions/disconnect?mac=" + NAS_MAC, "");
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.body()).isEqualTo("{\"mac\":\"" + MAC + "\",\"sessions\":[{\"nas\":\"operator-radius\","
                + "\"sessionId\":\"to-be-ended-01\",\"outcome\":\"ack\"}]}");
        String received = Files.readString(coaRun.resolve("coa-received.log"), StandardCharsets.UTF_8);
        assertThat(received).contains("to-be-ended-01").contains(NAS_MAC).contains("Message-Authenticator");
    }
}
