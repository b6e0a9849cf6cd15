package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.access.DeviceStore;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;

/** {@link DeviceStore}: a device's last acknowledgement, as any node of the fleet recorded it. */
public abstract class DeviceStoreContract extends StoreContract {
    private static final LocalDateTime MORNING = LocalDateTime.of(2026, 11, 29, 8, 0);

    private static Impression acknowledgement(String device, LocalDateTime at) {
        return impression("hue", device, ImpressionKind.ACKNOWLEDGED, Platform.ANDROID, "vi", at);
    }

    @Test
    void aDeviceIsRememberedFromItsLatestAcknowledgementOnAnyNode() {
        Stores a = node();
        Stores b = node();
        assertThat(b.devices().lastAcknowledged("phone")).isEmpty();

        a.events().append(List.of(acknowledgement("phone", MORNING), acknowledgement("phone", MORNING.plusMinutes(5)),
                impression("hue", "other", ImpressionKind.SHOWN, Platform.IOS, "vi", MORNING.plusHours(1))));

        assertThat(b.devices().lastAcknowledged("phone")).contains(MORNING.plusMinutes(5).atZone(HUE_ZONE).toInstant());
        assertThat(b.devices().lastAcknowledged("other")).as("shown, never acknowledged").isEmpty();

        b.events().append(List.of(acknowledgement("phone", MORNING.plusHours(2))));
        a.events().append(List.of(acknowledgement("phone", MORNING.plusHours(1))));
        assertThat(a.devices().lastAcknowledged("phone")).as("never moves back")
                .contains(MORNING.plusHours(2).atZone(HUE_ZONE).toInstant());
    }

    @Test
    void aReplayedAcknowledgementDoesNotCountAsANewOne() {
        Stores stores = node();
        Impression first = acknowledgement("phone", MORNING);
        stores.events().append(List.of(first));
        Impression replay = new Impression(first.at().plusSeconds(600), first.localTime().plusMinutes(10), first.venue(), first.gateway(),
                first.deviceKey(), first.kind(), first.platform(), first.language(), first.campaign(), first.visitNonce());

        assertThat(stores.events().append(List.of(replay))).containsExactly(false);
        assertThat(stores.devices().lastAcknowledged("phone")).contains(first.at());
    }
}
