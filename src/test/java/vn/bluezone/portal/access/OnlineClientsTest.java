package vn.bluezone.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.testing.TestClock;

class OnlineClientsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final OnlineClients online = new OnlineClients(clock, 1000);

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void aClientIsOnlineAtItsGatewayUntilItsTimeIsUp() throws Exception {
        online.letOnline("gw-1", "10.0.0.2", Duration.ofHours(2));
        assertThat(online.remaining("gw-1", ip("10.0.0.2"))).contains(Duration.ofHours(2));
        assertThat(online.remaining("gw-2", ip("10.0.0.2"))).as("another gateway").isEmpty();
        assertThat(online.remaining("gw-1", ip("10.0.0.3"))).as("another client").isEmpty();
        assertThat(online.isOnline(ip("10.0.0.2"))).isTrue();
        assertThat(online.isOnline(ip("10.0.0.3"))).isFalse();

        clock.advance(Duration.ofMinutes(119));
        assertThat(online.remaining("gw-1", ip("10.0.0.2"))).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(online.remaining("gw-1", ip("10.0.0.2"))).isEmpty();
        assertThat(online.isOnline(ip("10.0.0.2"))).isFalse();
    }

    @Test
    void aNewGrantReplacesTheOldTimeAndAnyGatewayCounts() throws Exception {
        online.letOnline("gw-1", "10.0.0.2", Duration.ofHours(2));
        clock.advance(Duration.ofHours(1));
        online.letOnline("gw-1", "10.0.0.2", Duration.ofHours(2));
        online.letOnline("gw-2", "10.0.0.2", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(90));
        assertThat(online.remaining("gw-1", ip("10.0.0.2"))).contains(Duration.ofMinutes(30));
        assertThat(online.remaining("gw-2", ip("10.0.0.2"))).isEmpty();
        assertThat(online.isOnline(ip("10.0.0.2"))).as("still online at gw-1").isTrue();
    }

    @Test
    void addressesAreComparedAsAddressesNotAsText() throws Exception {
        online.letOnline("gw", "::ffff:10.0.0.7", Duration.ofHours(1));
        online.letOnline("gw", "2001:db8::0:1", Duration.ofHours(1));
        assertThat(online.remaining("gw", ip("10.0.0.7"))).isPresent();
        assertThat(online.remaining("gw", ip("2001:0db8:0:0:0:0:0:1"))).isPresent();
    }

    @Test
    void whatIsNotAnAddressIsNotRemembered() throws Exception {
        for (String notAnAddress : new String[] {"", "unknown", "10.0.0.0/8", "portal.example.vn"}) {
            online.letOnline("gw", notAnAddress, Duration.ofHours(1));
        }
        assertThat(online.isOnline(ip("127.0.0.1"))).isFalse();
        assertThat(online.isOnline(ip("10.0.0.0"))).isFalse();
    }
}
