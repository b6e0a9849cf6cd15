package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.PortalSecrets;
import vn.bluezone.portal.store.sqlite.SqliteAccessStore;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.Radclient;

/**
 * The portal's RADIUS server as FreeRADIUS's own radclient sees it, playing a hotspot NAS: grant tokens
 * in PAP and CHAP, replays and expiry, MAC authentication around a real acknowledgement, accounting,
 * Message-Authenticator rules, a wrong secret, IPv6.
 */
class RadiusIT {
    private static final String SECRET = "nas-secret-for-tests";
    private static final String MAC = "02:00:0a:e7:01:0a";
    private static final String NAS_MAC = "02-00-0A-E7-01-0A";
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String FAS_PAYLOAD = "hid=9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9, clientip=10.231.1.10, "
            + "clientmac=" + MAC + ", client_type=cpd_can, gatewayname=Hue%20Node%3a02000ae70101%20, version=9.10.0, "
            + "gatewayaddress=10.231.1.1:2050, gatewaymac=02000ae70101, originurl=http%3a%2f%2fexample.org%2f, clientif=br-lan, "
            + "themespec=(null), (null)(null)(null)(null)";

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;
    private GrantTokens tokens;
    private DeviceKeys deviceKeys;
    private String auth;
    private String acct;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, """
                radius:
                  host: "::"
                  auth-port: 0
                  acct-port: 0
                  clients:
                    - name: hue-nas
                      address: 127.0.0.1
                      secret: %s
                      venue: hue-station
                    - name: cloud-controller
                      address: ::1/128
                      secret: %s
                      venue: hue-station
                      require-message-authenticator: false
                """.formatted(SECRET, SECRET));
        PortalSecrets secrets = PortalSecrets.loadOrCreate(dataDir);
        tokens = GrantTokens.fromSecrets(secrets, portal.clock, Duration.ofMinutes(10));
        deviceKeys = new DeviceKeys(secrets.derive("device-key"));
        auth = "127.0.0.1:" + portal.radius().authPort();
        acct = "127.0.0.1:" + portal.radius().acctPort();
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private GrantToken token(String language) {
        return tokens.issue(deviceKeys.forMac(MAC), "hue-station", language);
    }

    private static String pap(GrantToken token) {
        return """
                User-Name = "%s"
                User-Password = "%s"
                Calling-Station-Id = "%s"
                NAS-Port-Type = Wireless-802.11
                Message-Authenticator = 0x00
                """.formatted(token.userName(), token.password(), NAS_MAC);
    }

    private static String macAuthentication() {
        return """
                User-Name = "%s"
                User-Password = "%s"
                Calling-Station-Id = "%s"
                Message-Authenticator = 0x00
                """.formatted(NAS_MAC, NAS_MAC, NAS_MAC);
    }

    @Test
    void aPapGrantTokenIsAcceptedWithTheVenuesLimitsAndQuotasInEveryVendorsFormAndOnlyOnce() throws Exception {
        GrantToken token = token("fr");
        Radclient.Reply accept = Radclient.send(auth, "auth", SECRET, pap(token));
        assertThat(accept.is("Access-Accept")).as(accept.output()).isTrue();
        assertThat(accept.output())
                .contains("Message-Authenticator = 0x")
                .contains("Session-Timeout = 7200")
                .contains("Idle-Timeout = 900")
                .contains("Acct-Interim-Interval = 300")
                .contains("WISPr-Bandwidth-Max-Up = 1024000")
                .contains("WISPr-Bandwidth-Max-Down = 4096000")
                .contains("ChilliSpot-Bandwidth-Max-Up = 1024")
                .contains("ChilliSpot-Bandwidth-Max-Down = 4096")
                .contains("Mikrotik-Rate-Limit = \"1024k/4096k\"")
                .contains("ChilliSpot-Max-Input-Octets = 104857600")
                .contains("ChilliSpot-Max-Output-Octets = 2146435072")
                .contains("Mikrotik-Recv-Limit = 104857600")
                .contains("Mikrotik-Xmit-Limit = 2146435072");

        Radclient.Reply replay = Radclient.send(auth, "auth", SECRET, pap(token));
        assertThat(replay.is("Access-Reject")).as(replay.output()).isTrue();
        assertThat(replay.output()).contains("Reply-Message = \"Cette connexion Wi-Fi a déjà été utilisée");
    }

    @Test
    void aChapGrantTokenIsAcceptedWithTheRequestAuthenticatorOrAChapChallengeAsChallenge() throws Exception {
        for (String challenge : new String[] {"", "CHAP-Challenge = 0x0102030405060708090a0b0c0d0e0f10\n"}) {
            GrantToken token = token("vi");
            Radclient.Reply reply = Radclient.send(auth, "auth", SECRET, """
                    User-Name = "%s"
                    CHAP-Password = "%s"
                    Calling-Station-Id = "%s"
                    Message-Authenticator = 0x00
                    %s""".formatted(token.userName(), token.password(), NAS_MAC, challenge));
            assertThat(reply.is("Access-Accept")).as(reply.output()).isTrue();
        }
        GrantToken token = token("vi");
        Radclient.Reply wrong = Radclient.send(auth, "auth", SECRET, """
                User-Name = "%s"
                CHAP-Password = "not-the-password"
                Calling-Station-Id = "%s"
                Message-Authenticator = 0x00
                """.formatted(token.userName(), NAS_MAC));
        assertThat(wrong.is("Access-Reject")).as(wrong.output()).isTrue();
    }

    @Test
    void anExpiredTokenIsRejectedAndSaysSo() throws Exception {
        GrantToken token = token("en");
        portal.clock.advance(Duration.ofMinutes(11));
        Radclient.Reply reply = Radclient.send(auth, "auth", SECRET, pap(token));
        assertThat(reply.is("Access-Reject")).as(reply.output()).isTrue();
        assertThat(reply.output()).contains("Your Wi-Fi login has expired");
    }

    @Test
    void macAuthenticationFollowsTheVisitorsAcknowledgementAndTheReminderInterval() throws Exception {
        Radclient.Reply before = Radclient.send(auth, "auth", SECRET, macAuthentication());
        assertThat(before.is("Access-Reject")).as(before.output()).isTrue();
        assertThat(before.output()).contains("Vui lòng mở một trang web");

        HttpResponse<String> notice = portal.get("/opennds/hue-gw/?fas="
                + Base64.getEncoder().encodeToString(FAS_PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        Matcher visit = VISIT.matcher(notice.body());
        assertThat(visit.find()).as(notice.body()).isTrue();
        assertThat(portal.postForm("/continue", "v=" + visit.group(1) + "&lang=vi").statusCode()).isEqualTo(303);
        portal.clock.advance(Duration.ofSeconds(2));

        Radclient.Reply within = Radclient.send(auth, "auth", SECRET, macAuthentication());
        assertThat(within.is("Access-Accept")).as(within.output()).isTrue();
        assertThat(within.output()).contains("Session-Timeout = 7200");

        portal.clock.advance(Duration.ofHours(23));
        Radclient.Reply nearlyDue = Radclient.send(auth, "auth", SECRET, macAuthentication());
        assertThat(nearlyDue.output()).as("the session ends when the notice is due").contains("Session-Timeout = 3598");

        portal.clock.advance(Duration.ofHours(1));
        Radclient.Reply after = Radclient.send(auth, "auth", SECRET, macAuthentication());
        assertThat(after.is("Access-Reject")).as(after.output()).isTrue();
    }

    @Test
    void accountingStartInterimAndStopBuildTheSession() throws Exception {
        String session = """
                Acct-Session-Id = "5f3a-0001"
                User-Name = "%s"
                Calling-Station-Id = "%s"
                NAS-IP-Address = 127.0.0.1
                """.formatted(NAS_MAC, NAS_MAC);
        // sent three times, as a NAS that missed the answers would (each copy with a new identifier): one session
        Radclient.Reply start = Radclient.send(acct, "acct", SECRET, session + "Acct-Status-Type = Start\n", "-c", "3");
        assertThat(start.output().split("Received Accounting-Response", -1)).as(start.output()).hasSize(4);
        try (SqliteAccessStore store = new SqliteAccessStore(SqliteDatabase.open(dataDir.resolve("portal.db")))) {
            assertThat(store.openSessions(deviceKeys.forMac(MAC))).singleElement()
                    .satisfies(s -> assertThat(s.sessionId()).isEqualTo("5f3a-0001"))
                    .satisfies(s -> assertThat(s.nas()).isEqualTo("hue-nas"));
            Radclient.Reply interim = Radclient.send(acct, "acct", SECRET, session + """
                    Acct-Status-Type = Interim-Update
                    Acct-Session-Time = 300
                    Acct-Input-Octets = 12000
                    Acct-Output-Octets = 3000
                    Acct-Output-Gigawords = 2
                    Message-Authenticator = 0x00
                    """);
            assertThat(interim.is("Accounting-Response")).as(interim.output()).isTrue();
            Radclient.Reply stop = Radclient.send(acct, "acct", SECRET, session + """
                    Acct-Status-Type = Stop
                    Acct-Session-Time = 600
                    Acct-Input-Octets = 24000
                    Acct-Output-Octets = 6000
                    Acct-Output-Gigawords = 2
                    Acct-Terminate-Cause = User-Request
                    """);
            assertThat(stop.is("Accounting-Response")).as(stop.output()).isTrue();
            assertThat(store.openSessions(deviceKeys.forMac(MAC))).isEmpty();
        }
        JsonNode counters = radiusCounters();
        assertThat(counters.get("accounting-responses").asInt()).isEqualTo(5);
    }

    @Test
    void withoutMessageAuthenticatorOnlyANasAllowedToOmitItIsAnsweredAndItIsServedOverIpv6() throws Exception {
        GrantToken token = token("en");
        String plainPap = pap(token).replace("Message-Authenticator = 0x00\n", "");
        Radclient.Reply strict = Radclient.send(auth, "auth", SECRET, plainPap);
        assertThat(strict.answered()).as(strict.output()).isFalse();

        Radclient.Reply relaxed = Radclient.send("[::1]:" + portal.radius().authPort(), "auth", SECRET, plainPap, "-6");
        assertThat(relaxed.is("Access-Accept")).as(relaxed.output()).isTrue();
        assertThat(relaxed.output()).contains("Message-Authenticator = 0x");

        JsonNode counters = radiusCounters();
        assertThat(counters.get("missing-message-authenticator").asInt()).isEqualTo(1);
        assertThat(counters.get("without-message-authenticator").asInt()).isEqualTo(1);
    }

    @Test
    void aWrongSecretGetsNoAnswer() throws Exception {
        Radclient.Reply auth = Radclient.send(this.auth, "auth", "not-the-secret", pap(token("en")));
        Radclient.Reply acct = Radclient.send(this.acct, "acct", "not-the-secret", "Acct-Status-Type = Start\nAcct-Session-Id = \"x\"\n");
        assertThat(auth.answered()).as(auth.output()).isFalse();
        assertThat(acct.answered()).as(acct.output()).isFalse();
        assertThat(radiusCounters().get("bad-authenticator").asInt()).isEqualTo(2);
    }

    @Test
    void statusServerIsAnswered() throws Exception {
        Radclient.Reply status = Radclient.send(auth, "status", SECRET, "Message-Authenticator = 0x00\n");
        assertThat(status.is("Access-Accept")).as(status.output()).isTrue();
    }

    private JsonNode radiusCounters() throws Exception {
        HttpResponse<String> r = portal.get("/api/radius");
        assertThat(r.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body()).get("counters");
    }
}
