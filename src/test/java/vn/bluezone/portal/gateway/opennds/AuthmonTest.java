package vn.bluezone.portal.gateway.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.gateway.PolledGrants;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;
import vn.bluezone.portal.store.SqlPolledGrants;
import vn.bluezone.portal.testing.TestClock;

/** The portal's side of openNDS authmon, against the real SQLite store. */
class AuthmonTest {
    private static final String ROUTER = Authmon.gatewayHash("Mall%20East");
    private static final String OTHER_ROUTER = Authmon.gatewayHash("Mall%20West");

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private SqliteEventStore events;
    private PolledGrants grants;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T08:00:00Z"));
    private Authmon authmon;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("portal.db"));
        events = new SqliteEventStore(db);
        grants = new SqlPolledGrants(db);
        authmon = new Authmon(grants, clock);
    }

    @AfterEach
    void close() throws Exception {
        events.close();
        db.close();
    }

    @Test
    void anEntryIsTheRawurlencodedLineAuthmonPassesToNdsctl() {
        String rhid = "fff70851760a28b5cb8f6259cb031702e6f796faa5b749b76f33fab49a7fdbec";
        String entry = Authmon.entry(rhid, 60, 0, 0, 0, 0, "c3JjPXBvcnRhbA==");
        assertThat("* " + entry).isEqualTo("* " + rhid + "%2060%200%200%200%200%20c3JjPXBvcnRhbA%3D%3D").hasSize(110);
    }

    @Test
    void theGatewayHashIsTheSha256OfTheUrlEncodedName() {
        assertThat(ROUTER).isEqualTo("f3d36e4fe6fe2f9837cc65de972ecb8ad59cea5190d19d2009b5e5837faf6f22");
    }

    @Test
    void aQueuedClientIsHandedOutUntilAuthmonAcknowledgesItAndNeverAfter() {
        queue("gw", ROUTER, rhid(1));
        assertThat(view("gw", ROUTER)).isEqualTo("* " + line(1));
        assertThat(view("gw", ROUTER)).as("not acknowledged yet: offered again").isEqualTo("* " + line(1));
        assertThat(grants.status("gw", rhid(1), clock.instant()).state()).isEqualTo(PolledGrants.State.WAITING);

        assertThat(acknowledge("gw", ROUTER, "* " + rhid(1)).text()).isEqualTo("ack");

        assertThat(view("gw", ROUTER)).isEqualTo("*");
        assertThat(grants.status("gw", rhid(1), clock.instant()).state()).isEqualTo(PolledGrants.State.LET_IN);
    }

    @Test
    void aClientQueuedTwiceIsHandedOutOnce() {
        queue("gw", ROUTER, rhid(1));
        queue("gw", ROUTER, rhid(1));
        assertThat(view("gw", ROUTER)).isEqualTo("* " + line(1));
    }

    @Test
    void eachRouterAndEachGatewaySeesOnlyItsOwnClients() {
        queue("gw", ROUTER, rhid(1));
        queue("gw", OTHER_ROUTER, rhid(2));
        queue("gw2", ROUTER, rhid(3));
        assertThat(view("gw", ROUTER)).isEqualTo("* " + line(1));
        assertThat(view("gw", OTHER_ROUTER)).isEqualTo("* " + line(2));
        assertThat(view("gw2", ROUTER)).isEqualTo("* " + line(3));
        acknowledge("gw", OTHER_ROUTER, "* " + rhid(1));
        assertThat(view("gw", ROUTER)).as("another router cannot acknowledge this router's client").isEqualTo("* " + line(1));
    }

    @Test
    void anAnswerNeverHoldsMoreThanAuthmonReadsAndTheRestComesNextPoll() {
        for (int i = 1; i <= 12; i++) {
            queue("gw", ROUTER, rhid(i));
            clock.advance(Duration.ofMillis(1));
        }
        String first = view("gw", ROUTER);
        assertThat(first.substring(2).length()).isLessThanOrEqualTo(Authmon.MAX_LIST_CHARS);
        List<String> handed = List.of(first.substring(2).split(" "));
        assertThat(handed).hasSize(9).startsWith(line(1)).endsWith(line(9));

        acknowledge("gw", ROUTER, "* " + String.join(" ", handed.stream().map(l -> l.substring(0, 64)).toList()));
        assertThat(view("gw", ROUTER)).isEqualTo("* " + line(10) + " " + line(11) + " " + line(12));
    }

    @Test
    void clearAtAuthmonStartForgetsWhatIsSettledButKeepsVisitorsStillWaiting() {
        queue("gw", ROUTER, rhid(1));
        queue("gw", ROUTER, rhid(2));
        acknowledge("gw", ROUTER, "* " + rhid(1));

        assertThat(post("gw", "clear", ROUTER, "none").ok()).isTrue();

        assertThat(grants.status("gw", rhid(1), clock.instant()).state()).isEqualTo(PolledGrants.State.UNKNOWN);
        assertThat(view("gw", ROUTER)).as("a visitor who acknowledged while authmon restarted still gets in").isEqualTo("* " + line(2));
    }

    @Test
    void anExpiredClientIsNoLongerHandedOut() {
        queue("gw", ROUTER, rhid(1));
        clock.advance(Duration.ofMinutes(11));
        assertThat(view("gw", ROUTER)).isEqualTo("*");
        assertThat(grants.status("gw", rhid(1), clock.instant()).state()).isEqualTo(PolledGrants.State.UNKNOWN);
    }

    @Test
    void theOlderListActionCountsWhatItHandsOutAsLetIn() {
        queue("gw", ROUTER, rhid(1));
        assertThat(post("gw", "list", ROUTER, "none").text()).isEqualTo("* " + line(1));
        assertThat(view("gw", ROUTER)).isEqualTo("*");
    }

    @Test
    void deauthAndCustomReportsAreAcknowledged() {
        assertThat(post("gw", "deauthed", ROUTER, "10.0.0.5 02:00:00:00:00:05").text()).isEqualTo("ack");
        assertThat(post("gw", "custom", ROUTER, "anything").text()).isEqualTo("ack");
    }

    @Test
    void malformedRequestsGetAnErrorAuthmonLogs() {
        assertThat(authmon.answer("gw", Map.of("auth_get", "drop", "gatewayhash", ROUTER, "payload", b64("none"))).text())
                .startsWith("ERROR: auth_get");
        assertThat(authmon.answer("gw", Map.of("auth_get", "view", "gatewayhash", "Mall East", "payload", b64("none"))).text())
                .startsWith("ERROR: gatewayhash");
        assertThat(authmon.answer("gw", Map.of("auth_get", "view", "gatewayhash", ROUTER, "payload", "***")).text())
                .startsWith("ERROR: payload");
        assertThat(authmon.answer("gw", Map.of("auth_get", "view", "gatewayhash", ROUTER, "payload", b64("* ' OR 1=1"))).text())
                .startsWith("ERROR: acknowledged rhid");
        assertThat(authmon.answer("gw", Map.of()).ok()).isFalse();
    }

    private void queue(String gateway, String router, String rhid) {
        Instant now = clock.instant();
        events.append(List.of(new PolledGrant(now, gateway, router, rhid, lineFor(rhid), now.plus(Duration.ofMinutes(10)))));
    }

    private String view(String gateway, String router) {
        Authmon.Reply reply = post(gateway, "view", router, "none");
        assertThat(reply.ok()).isTrue();
        return reply.text();
    }

    private Authmon.Reply acknowledge(String gateway, String router, String acked) {
        return post(gateway, "view", router, acked);
    }

    private Authmon.Reply post(String gateway, String action, String router, String payload) {
        return authmon.answer(gateway, Map.of("auth_get", action, "gatewayhash", router, "payload", b64(payload)));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String rhid(int n) {
        return String.format("%064x", n);
    }

    private static String line(int n) {
        return lineFor(rhid(n));
    }

    private static String lineFor(String rhid) {
        return Authmon.entry(rhid, 60, 0, 0, 0, 0, "dmVudWU9dg==");
    }
}
