package vn.bluezone.portal.access;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

/** Starts a visit for a device that a gateway sent to the notice. */
public final class VisitIssuer {
    private final DeviceKeys deviceKeys;
    private final InstantSource clock;
    private final Duration lifetime;

    public VisitIssuer(DeviceKeys deviceKeys, InstantSource clock, Duration lifetime) {
        this.deviceKeys = deviceKeys;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * @param clientMac canonical MAC, or empty when the gateway does not tell it (the address then stands in)
     * @param clientAddress the device's address
     */
    public Visit issue(String gateway, String venue, String clientMac, String clientAddress, String originUrl,
            Map<String, String> grant) {
        byte[] nonce = new byte[16];
        RandomBytes.fill(nonce);
        // the sealed visit keeps milliseconds
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String deviceKey = clientMac.isEmpty() ? deviceKeys.forAddress(clientAddress) : deviceKeys.forMac(clientMac);
        return new Visit(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), gateway, venue, deviceKey,
                clientAddress, originUrl, grant, now, now.plus(lifetime));
    }

    /** The device key of a phone known only by its source address (a QR code scanned over mobile data tells no MAC). */
    public String keyOfAddress(String address) {
        return deviceKeys.forAddress(address);
    }
}
