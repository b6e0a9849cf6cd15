package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.gateway.PolledGrants;
import vn.bluezone.portal.gateway.PolledGrants.State;
import vn.bluezone.portal.gateway.PolledGrants.Status;
import vn.bluezone.portal.gateway.PolledGrants.Waiting;

/** {@link PolledGrants}: grants queued with an acknowledgement on one node, handed to a gateway's poll on any node. */
public abstract class PolledGrantsContract extends StoreContract {

    private static PolledGrant grant(String key, long queuedAfterSeconds, long livesSeconds) {
        return new PolledGrant(T0.plusSeconds(queuedAfterSeconds), "gw", "router", key, "line-" + key,
                T0.plusSeconds(queuedAfterSeconds + livesSeconds));
    }

    @Test
    void waitingGrantsAreHandedOutOldestFirstUntilTheGatewayLetsThemIn() {
        Stores a = node();
        PolledGrants b = node().polledGrants();
        a.events().append(List.of(grant("k2", 2, 600), grant("k1", 1, 600), grant("gone", 0, 5),
                new PolledGrant(T0, "gw", "other-router", "k3", "line", T0.plusSeconds(600)),
                new PolledGrant(T0.plusSeconds(9), "gw", "router", "k1", "a second line for k1", T0.plusSeconds(900))));

        assertThat(b.waiting("gw", "router", T0.plusSeconds(10), 10))
                .containsExactly(new Waiting("k1", "line-k1"), new Waiting("k2", "line-k2"));
        assertThat(b.waiting("gw", "router", T0.plusSeconds(10), 1)).containsExactly(new Waiting("k1", "line-k1"));
        assertThat(b.status("gw", "k1", T0.plusSeconds(10))).isEqualTo(new Status(State.WAITING, T0.plusSeconds(1)));
        assertThat(b.status("gw", "gone", T0.plusSeconds(10)).state()).as("expired").isEqualTo(State.UNKNOWN);
        assertThat(b.status("gw", "never", T0)).isEqualTo(new Status(State.UNKNOWN, java.time.Instant.EPOCH));

        assertThat(b.letIn("gw", "router", List.of("k1", "unknown"), T0.plusSeconds(11))).isEqualTo(1);
        assertThat(b.letIn("gw", "router", List.of("k1"), T0.plusSeconds(12))).as("only once").isZero();
        assertThat(a.polledGrants().status("gw", "k1", T0.plusSeconds(12)).state()).isEqualTo(State.LET_IN);
        assertThat(b.waiting("gw", "router", T0.plusSeconds(12), 10)).containsExactly(new Waiting("k2", "line-k2"));
    }

    @Test
    void settledGrantsAreForgotten() {
        Stores stores = node();
        stores.events().append(List.of(grant("k1", 0, 600), grant("k2", 0, 600), grant("old", 0, 5)));
        PolledGrants grants = stores.polledGrants();
        grants.letIn("gw", "router", List.of("k1"), T0.plusSeconds(1));

        assertThat(grants.forgetSettled("gw", "router", T0.plusSeconds(10))).as("k1 let in, old expired").isEqualTo(2);
        assertThat(grants.status("gw", "k1", T0.plusSeconds(10)).state()).isEqualTo(State.UNKNOWN);
        assertThat(grants.status("gw", "k2", T0.plusSeconds(10)).state()).isEqualTo(State.WAITING);
    }
}
