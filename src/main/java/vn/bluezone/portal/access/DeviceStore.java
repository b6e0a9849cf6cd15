package vn.bluezone.portal.access;

import java.time.Instant;
import java.util.Optional;

/** What the portal remembers about a device: when it last acknowledged the notice. */
public interface DeviceStore {

    /**
     * @return when the device last acknowledged the notice, or empty if never (or no longer remembered)
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot answer
     */
    Optional<Instant> lastAcknowledged(String deviceKey);
}
