package vn.bluezone.portal.gateway.generic;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.GrantRedeemer;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.venue.Venues;

/**
 * A generic gateway's script redeems a visitor's grant token for the device it sees: the token must be
 * this gateway's venue's, for this MAC, unexpired and unused; it is then redeemed once, durably, and the
 * answer carries the venue's session limits, the session cut short when the notice is due again (as the
 * RADIUS server does for MAC authentication). Redeeming records no acknowledgement: Continue did that.
 */
public final class GenericRedemption {
    private static final Logger log = LoggerFactory.getLogger(GenericRedemption.class);

    /**
     * What the gateway is told.
     *
     * @param status the token's fate; only {@link GrantRedeemer.Status#REDEEMED} lets the device online
     * @param mac the device, in canonical form
     * @param session how long the gateway may let the device online (at least one second when redeemed)
     * @param limits the venue's idle timeout, bandwidth and quotas
     */
    public record Answer(GrantRedeemer.Status status, String mac, Duration session, VenueSettings.SessionLimits limits) {
        public boolean granted() {
            return status == GrantRedeemer.Status.REDEEMED;
        }
    }

    private final GrantRedeemer redeemer;
    private final DeviceKeys deviceKeys;
    private final ReturningDevices returning;
    private final Venues venues;
    private final InstantSource clock;

    public GenericRedemption(GrantRedeemer redeemer, DeviceKeys deviceKeys, ReturningDevices returning, Venues venues,
            InstantSource clock) {
        this.redeemer = redeemer;
        this.deviceKeys = deviceKeys;
        this.returning = returning;
        this.venues = venues;
        this.clock = clock;
    }

    /**
     * Blocks until the redemption is durable (or refused): call it off the server's I/O threads.
     *
     * @param gateway the gateway asking, already authenticated by its secret
     * @param token the grant token its login page received
     * @param mac the device's MAC in canonical form, as the gateway sees the device that brought the token
     * @throws java.util.concurrent.CompletionException if the store could not take the redemption
     */
    public Answer redeem(GatewaySettings gateway, String token, String mac) {
        VenueSettings venue = venues.get(gateway.venue());
        String deviceKey = deviceKeys.forMac(mac);
        GrantRedeemer.Result result = redeemer.redeem(token, venue.code(), deviceKey, gateway.id(), verified -> true).join();
        if (!result.redeemed()) {
            return new Answer(result.status(), mac, Duration.ZERO, venue.limits());
        }
        return new Answer(result.status(), mac, session(deviceKey, venue), venue.limits());
    }

    private Duration session(String deviceKey, VenueSettings venue) {
        Duration longest = venue.limits().sessionTimeout();
        Optional<Instant> due;
        try {
            due = returning.noticeDueAt(deviceKey, venue.remindEvery());
        } catch (StoreUnavailableException e) {
            log.warn("cannot tell when the notice is due again, granting the venue's session-timeout: {}", e.getMessage());
            return longest;
        }
        if (due.isEmpty()) {
            return longest;
        }
        Duration untilDue = Duration.between(clock.instant(), due.get());
        if (untilDue.compareTo(longest) >= 0) {
            return longest;
        }
        return untilDue.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : untilDue;
    }
}
