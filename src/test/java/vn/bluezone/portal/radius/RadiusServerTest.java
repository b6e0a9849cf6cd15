package vn.bluezone.portal.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.NasClientSettings;
import vn.bluezone.portal.config.RadiusSettings;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.radius.RadiusCounters.Counter;
import vn.bluezone.portal.testing.SqliteOutage;

/** The RADIUS server over real UDP with the real store: what it answers, what it drops, what it keeps. */
class RadiusServerTest extends RadiusServerFixture {
    private byte[] tokenRequest(int id, GrantToken token, String callingStation, boolean messageAuthenticator) {
        return nas.accessRequest(id, TestNas.attributes().text(1, token.userName()).text(31, callingStation),
                token.password(), messageAuthenticator);
    }

    private static int code(byte[] reply) {
        return reply[0] & 0xff;
    }

    private static String replyMessage(byte[] reply) {
        StringBuilder text = new StringBuilder();
        for (int at = 20; at < reply.length; at += reply[at + 1] & 0xff) {
            if ((reply[at] & 0xff) == 18) {
                text.append(new String(reply, at + 2, (reply[at + 1] & 0xff) - 2, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private static Optional<Integer> integerAttribute(byte[] reply, int type) {
        for (int at = 20; at < reply.length; at += reply[at + 1] & 0xff) {
            if ((reply[at] & 0xff) == type) {
                return Optional.of(((reply[at + 2] & 0xff) << 24) | ((reply[at + 3] & 0xff) << 16) | ((reply[at + 4] & 0xff) << 8)
                        | (reply[at + 5] & 0xff));
            }
        }
        return Optional.empty();
    }

    @Test
    void aGrantTokenLogsTheDeviceInOnceAndEveryReplyIsSignedWithMessageAuthenticatorFirst() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "ko");

        byte[] request = tokenRequest(1, token, NAS_MAC_FORM, true);
        byte[] accept = nas.exchange(request, server.authPort()).orElseThrow();
        assertThat(code(accept)).isEqualTo(2);
        assertThat(nas.authentic(accept, request)).isTrue();
        assertThat(accept[20]).as("Message-Authenticator is the first attribute").isEqualTo((byte) 80);
        assertThat(integerAttribute(accept, 27)).contains(7200);
        assertThat(integerAttribute(accept, 28)).contains(900);
        assertThat(integerAttribute(accept, 85)).contains(300);

        byte[] replay = tokenRequest(2, token, NAS_MAC_FORM, true);
        byte[] reject = nas.exchange(replay, server.authPort()).orElseThrow();
        assertThat(code(reject)).isEqualTo(3);
        assertThat(replyMessage(reject)).as("in the visitor's language").contains("이미 사용");
        assertThat(server.counters().get(Counter.ACCESS_ACCEPTS)).isEqualTo(1);
    }

    @Test
    void aTokenPresentedForAnotherDeviceOrWithAWrongPasswordIsRejected() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        byte[] otherDevice = tokenRequest(1, token, "02-00-00-00-00-99", true);
        assertThat(code(nas.exchange(otherDevice, server.authPort()).orElseThrow())).isEqualTo(3);

        byte[] wrongPassword = nas.accessRequest(2, TestNas.attributes().text(1, token.userName()).text(31, NAS_MAC_FORM), "guess", true);
        assertThat(code(nas.exchange(wrongPassword, server.authPort()).orElseThrow())).isEqualTo(3);

        assertThat(code(nas.exchange(tokenRequest(3, token, NAS_MAC_FORM, true), server.authPort()).orElseThrow()))
                .as("the token itself is still unused").isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsRejectedWithTheExpiredMessage() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        clock.advance(Duration.ofMinutes(11));
        byte[] reject = nas.exchange(tokenRequest(1, token, NAS_MAC_FORM, true), server.authPort()).orElseThrow();
        assertThat(code(reject)).isEqualTo(3);
        assertThat(replyMessage(reject)).contains("expired");
    }

    @Test
    void macAuthenticationPassesOnlyWithinTheReminderIntervalAndTheSessionEndsWhenTheNoticeIsDue() throws Exception {
        byte[] unknown = nas.accessRequest(1, TestNas.attributes().text(1, NAS_MAC_FORM).text(31, NAS_MAC_FORM), NAS_MAC_FORM, true);
        byte[] reject = nas.exchange(unknown, server.authPort()).orElseThrow();
        assertThat(code(reject)).isEqualTo(3);
        assertThat(replyMessage(reject)).as("no language known: Vietnamese and English").contains("Vui lòng").contains("Please open");

        writer.record(new Impression(clock.instant(), LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh")), "hue", "gw", deviceKeys.forMac(MAC),
                ImpressionKind.ACKNOWLEDGED, Platform.ANDROID, "vi", "bluezone", "nonce-1")).get();
        clock.advance(Duration.ofHours(23));
        byte[] accept = nas.exchange(nas.accessRequest(2, TestNas.attributes().text(1, NAS_MAC_FORM).text(31, NAS_MAC_FORM),
                NAS_MAC_FORM, true), server.authPort()).orElseThrow();
        assertThat(code(accept)).isEqualTo(2);
        assertThat(integerAttribute(accept, 27)).as("the notice is due in one hour").contains(3600);

        clock.advance(Duration.ofHours(2));
        assertThat(code(nas.exchange(nas.accessRequest(3, TestNas.attributes().text(1, NAS_MAC_FORM).text(31, NAS_MAC_FORM),
                NAS_MAC_FORM, true), server.authPort()).orElseThrow())).isEqualTo(3);
    }

    @Test
    void requestsWithoutOrWithAWrongMessageAuthenticatorAreDroppedAndCounted() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        nas.timeout(300);
        assertThat(nas.exchange(tokenRequest(1, token, NAS_MAC_FORM, false), server.authPort())).isEmpty();
        assertThat(server.counters().get(Counter.MISSING_MESSAGE_AUTHENTICATOR)).isEqualTo(1);

        try (TestNas wrongSecret = new TestNas("127.0.0.1", "not-the-secret-99")) {
            wrongSecret.timeout(300);
            assertThat(wrongSecret.exchange(wrongSecret.accessRequest(2, TestNas.attributes().text(1, token.userName()), token.password(), true),
                    server.authPort())).isEmpty();
        }
        assertThat(server.counters().get(Counter.BAD_AUTHENTICATOR)).isEqualTo(1);
    }

    @Test
    void aNasAllowedToOmitMessageAuthenticatorIsAnsweredAndCounted() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        try (TestNas old = new TestNas("127.0.0.3", SECRET)) {
            byte[] request = old.accessRequest(1, TestNas.attributes().text(1, token.userName()).text(31, NAS_MAC_FORM), token.password(), false);
            byte[] reply = old.exchange(request, server.authPort()).orElseThrow();
            assertThat(code(reply)).isEqualTo(2);
            assertThat(reply[20]).as("the reply still carries Message-Authenticator").isEqualTo((byte) 80);
        }
        assertThat(server.counters().get(Counter.WITHOUT_MESSAGE_AUTHENTICATOR)).isEqualTo(1);
    }

    @Test
    void packetsFromAnUnknownAddressAreDroppedSilently() throws Exception {
        try (TestNas stranger = new TestNas("127.0.0.2", SECRET)) {
            stranger.timeout(300);
            GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
            assertThat(stranger.exchange(stranger.accessRequest(1, TestNas.attributes().text(1, token.userName()), token.password(), true),
                    server.authPort())).isEmpty();
        }
        assertThat(server.counters().get(Counter.UNKNOWN_CLIENT)).isEqualTo(1);
    }

    @Test
    void aRetransmissionGetsTheSameReplyAndIsNotProcessedTwice() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        byte[] request = tokenRequest(7, token, NAS_MAC_FORM, true);
        byte[] first = nas.exchange(request, server.authPort()).orElseThrow();
        byte[] again = nas.exchange(request, server.authPort()).orElseThrow();
        assertThat(code(first)).as("a token is single-use, yet its retransmission is not a replay").isEqualTo(2);
        assertThat(again).isEqualTo(first);
        assertThat(server.counters().get(Counter.DUPLICATES)).isEqualTo(1);
        assertThat(server.counters().get(Counter.ACCESS_ACCEPTS)).isEqualTo(1);
    }

    @Test
    void aFloodOfOneCapturedRequestIsAnsweredOnlyAFewTimes() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        byte[] request = tokenRequest(9, token, NAS_MAC_FORM, true);
        byte[] first = nas.exchange(request, server.authPort()).orElseThrow();
        int answered = 0;
        nas.timeout(200);
        for (int i = 0; i < 50; i++) {
            if (nas.exchange(request, server.authPort()).isPresent()) {
                answered++;
            }
        }
        assertThat(code(first)).isEqualTo(2);
        assertThat(answered).as("copies answered from the cache").isEqualTo(DuplicateCache.MAX_RESENDS);
        assertThat(server.counters().get(Counter.DUPLICATES_DROPPED)).isEqualTo(50 - DuplicateCache.MAX_RESENDS);
        assertThat(server.counters().get(Counter.ACCESS_ACCEPTS)).isEqualTo(1);
    }

    @Test
    void aForgedRequestLeavesNothingInTheDuplicateCache() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        byte[] request = tokenRequest(11, token, NAS_MAC_FORM, true);
        byte[] forged = request.clone();
        forged[forged.length - 1] ^= 1; // the last attribute's value changes: the Message-Authenticator no longer matches
        nas.timeout(300);
        assertThat(nas.exchange(forged, server.authPort())).isEmpty();
        assertThat(code(nas.exchange(request, server.authPort()).orElseThrow())).as("the genuine request is then processed").isEqualTo(2);
        assertThat(server.counters().get(Counter.BAD_AUTHENTICATOR)).isEqualTo(1);
        assertThat(server.counters().get(Counter.DUPLICATES)).isZero();
    }

    @Test
    void accountingBuildsTheSessionDurablyAndAnsweredTwiceStoresOnce() throws Exception {
        byte[] start = nas.accountingRequest(1, TestNas.attributes().integer(40, 1).text(44, "sess-1").text(1, NAS_MAC_FORM).text(31, NAS_MAC_FORM));
        byte[] response = nas.exchange(start, server.acctPort()).orElseThrow();
        assertThat(code(response)).isEqualTo(5);
        assertThat(nas.authentic(response, start)).isTrue();

        clock.advance(Duration.ofMinutes(5));
        byte[] interim = nas.accountingRequest(2, TestNas.attributes().integer(40, 3).text(44, "sess-1").text(31, NAS_MAC_FORM)
                .integer(46, 300).integer(42, 1000).integer(52, 1).integer(43, 5000));
        assertThat(code(nas.exchange(interim, server.acctPort()).orElseThrow())).isEqualTo(5);
        assertThat(nas.exchange(interim, server.acctPort())).isPresent();

        clock.advance(Duration.ofMinutes(5));
        byte[] stop = nas.accountingRequest(3, TestNas.attributes().integer(40, 2).text(44, "sess-1").text(31, NAS_MAC_FORM)
                .integer(46, 600).integer(42, 2000).integer(52, 1).integer(43, 9000).integer(49, 4));
        assertThat(code(nas.exchange(stop, server.acctPort()).orElseThrow())).isEqualTo(5);

        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*), max(started_ms), max(stopped_ms), max(input_octets), max(output_octets), max(session_seconds), "
                        + "max(terminate_cause), max(device_key) FROM radius_session")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getLong(2)).isEqualTo(Instant.parse("2026-11-29T03:00:00Z").toEpochMilli());
            assertThat(rs.getLong(3)).isEqualTo(Instant.parse("2026-11-29T03:10:00Z").toEpochMilli());
            assertThat(rs.getLong(4)).as("Gigawords count").isEqualTo((1L << 32) + 2000);
            assertThat(rs.getLong(5)).isEqualTo(9000);
            assertThat(rs.getLong(6)).isEqualTo(600);
            assertThat(rs.getString(7)).isEqualTo("Idle-Timeout");
            assertThat(rs.getString(8)).isEqualTo(deviceKeys.forMac(MAC));
        }
        assertThat(server.counters().get(Counter.DUPLICATES)).isEqualTo(1);
        assertThat(access.openSessions(deviceKeys.forMac(MAC))).isEmpty();
    }

    @Test
    void accountingOnClosesEverySessionTheNasHadOpen() throws Exception {
        nas.exchange(nas.accountingRequest(1, TestNas.attributes().integer(40, 1).text(44, "a").text(31, NAS_MAC_FORM)), server.acctPort());
        nas.exchange(nas.accountingRequest(2, TestNas.attributes().integer(40, 1).text(44, "b").text(31, NAS_MAC_FORM)), server.acctPort());
        assertThat(access.openSessions(deviceKeys.forMac(MAC))).hasSize(2);
        byte[] on = nas.accountingRequest(3, TestNas.attributes().integer(40, 7));
        assertThat(code(nas.exchange(on, server.acctPort()).orElseThrow())).isEqualTo(5);
        assertThat(access.openSessions(deviceKeys.forMac(MAC))).isEmpty();
    }

    @Test
    void aSecondServerOnTheSamePortsFailsToStartInsteadOfSharingThem() {
        RadiusSettings taken = new RadiusSettings(true, "127.0.0.1", server.authPort(), 0, 1, 1000, Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofSeconds(1), List.of(new NasClientSettings("n", "127.0.0.1", SECRET, "hue", true, 0)));
        assertThatThrownBy(() -> RadiusServer.start(taken, services))
                .hasMessageContaining("cannot listen for RADIUS").hasMessageContaining(Integer.toString(server.authPort()));
    }

    @Test
    void anAccountingRequestWithAWrongAuthenticatorIsDropped() throws Exception {
        byte[] start = nas.accountingRequest(1, TestNas.attributes().integer(40, 1).text(44, "sess-1").text(31, NAS_MAC_FORM));
        start[10] ^= 1;
        nas.timeout(300);
        assertThat(nas.exchange(start, server.acctPort())).isEmpty();
        assertThat(server.counters().get(Counter.BAD_AUTHENTICATOR)).isEqualTo(1);
    }

    @Test
    void whileTheStoreIsDownAGrantTokenLogsTheDeviceInOnce_accountingIsAnswered_andAnUnknownMacIsSentToTheNotice() throws Exception {
        GrantToken token = tokens.issue(deviceKeys.forMac(MAC), "hue", "en");
        try (SqliteOutage outage = SqliteOutage.begin(db)) {
            byte[] accept = nas.exchange(tokenRequest(1, token, NAS_MAC_FORM, true), server.authPort()).orElseThrow();
            assertThat(code(accept)).as("redeemed into the spool").isEqualTo(2);
            byte[] replay = nas.exchange(tokenRequest(2, token, NAS_MAC_FORM, true), server.authPort()).orElseThrow();
            assertThat(code(replay)).as("the same token again on this node").isEqualTo(3);
            assertThat(replyMessage(replay)).contains("already");

            byte[] start = nas.accountingRequest(3, TestNas.attributes().integer(40, 1).text(44, "sess-1").text(31, NAS_MAC_FORM));
            assertThat(code(nas.exchange(start, server.acctPort()).orElseThrow())).as("Accounting-Response once spooled").isEqualTo(5);

            byte[] mac = nas.accessRequest(4, TestNas.attributes().text(1, "02-00-00-00-00-77").text(31, "02-00-00-00-00-77"),
                    "02-00-00-00-00-77", true);
            byte[] reject = nas.exchange(mac, server.authPort()).orElseThrow();
            assertThat(code(reject)).as("answered, not left to time out: the device is sent to the notice").isEqualTo(3);
            assertThat(replyMessage(reject)).contains("Please open");
            assertThat(writer.status().mode()).isEqualTo(EventWriter.Mode.SPOOLING);
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (writer.status().mode() != EventWriter.Mode.DIRECT && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT count(*) FROM grant_redemption), (SELECT count(*) FROM radius_session WHERE session_id = 'sess-1')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
    }

    @Test
    void whenItStopsAcceptingTheRequestBeingStoredIsStillAnsweredAndNewOnesAreLeftToTheNasRetry() throws Exception {
        byte[] first;
        try (Connection other = db.connect()) {
            // another writer holds the database: the first record waits in the event writer
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO impression (at_ms, local_day, local_hour, venue, gateway, device_key, kind, "
                    + "platform, language, campaign) VALUES (0, '2026-01-01', 0, 'x', 'x', 'x', 'shown', 'other', 'vi', 'x')");
            first = nas.accountingRequest(1, TestNas.attributes().integer(40, 1).text(44, "sess-1").text(31, NAS_MAC_FORM));
            nas.send(first, server.acctPort());
            for (int i = 0; i < 200 && server.awaitInFlight(Duration.ofMillis(1)); i++) {
                Thread.sleep(10);
            }
            assertThat(server.awaitInFlight(Duration.ofMillis(50))).as("the first record is in flight").isFalse();

            server.stopAccepting();
            nas.send(nas.accountingRequest(2, TestNas.attributes().integer(40, 1).text(44, "sess-2").text(31, NAS_MAC_FORM)), server.acctPort());
            other.rollback();
        }
        assertThat(server.awaitInFlight(Duration.ofSeconds(5))).isTrue();
        byte[] answer = nas.receive().orElseThrow();
        assertThat(code(answer)).isEqualTo(5);
        assertThat(nas.authentic(answer, first)).isTrue();
        nas.timeout(300);
        assertThat(nas.receive()).as("the request that came after the stop began is not answered").isEmpty();
        assertThat(access.openSessions(deviceKeys.forMac(MAC))).hasSize(1);
    }
}
