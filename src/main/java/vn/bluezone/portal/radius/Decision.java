package vn.bluezone.portal.radius;

import java.time.Duration;
import vn.bluezone.portal.config.VenueSettings;

/** What the server answers an Access-Request. */
sealed interface Decision {

    /**
     * Let the device online.
     *
     * @param sessionTimeout how long, at most (the venue's limit, cut short when the notice is due again)
     * @param limits the venue's idle timeout, interim interval and bandwidth
     */
    record Accept(Duration sessionTimeout, VenueSettings.SessionLimits limits) implements Decision {
    }

    /**
     * Refuse, with a message the NAS may show.
     *
     * @param reason why, for logs
     * @param message what to tell the visitor (already in their language)
     */
    record Reject(String reason, String message) implements Decision {
    }
}
