package vn.bluezone.portal.access;

import java.time.Instant;
import java.util.Map;

/**
 * One visitor's arrival, carried (sealed) in the notice page's links and its Continue button, so any
 * portal node can finish the visit without server-side session state and without cookies.
 *
 * @param nonce random identifier of this visit; acknowledging it is recorded once, so a replay is refused
 * @param gateway id of the gateway the visitor came through
 * @param venue code of the venue
 * @param deviceKey pseudonymous device key (never the raw MAC)
 * @param clientAddress the device's IP address as the gateway reported it (sealed like the rest; never stored),
 *     so the portal can tell which address it let online; empty in visits sealed before it was carried
 * @param originUrl the page the visitor first asked for (already validated as http or https), or empty
 * @param grant what the gateway needs to let the visitor online (gateway-specific, e.g. openNDS's address and token)
 * @param issuedAt when the notice was shown
 * @param expiresAt after this the Continue button no longer works
 */
public record Visit(
        String nonce,
        String gateway,
        String venue,
        String deviceKey,
        String clientAddress,
        String originUrl,
        Map<String, String> grant,
        Instant issuedAt,
        Instant expiresAt) {

    public Visit {
        grant = Map.copyOf(grant);
    }
}
