package vn.bluezone.portal.gateway;

import java.util.Map;
import java.util.function.Supplier;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;

/**
 * A hotspot gateway protocol: turns the gateway's redirect into an {@link Arrival} (or a rejection) and
 * builds the gateway's own login step once the visitor has acknowledged the notice.
 * Everything in the request is untrusted; implementations validate every field they use.
 */
public interface Gateway {

    GatewaySettings settings();

    /** Whether {@link #arrive} needs {@link GatewayRequest#requestUrl()} (gateways that sign the whole URL). */
    default boolean needsRequestUrl() {
        return false;
    }

    /** Reads a visitor's arrival from the gateway's redirect. */
    ArrivalResult arrive(GatewayRequest request);

    /**
     * What the visitor's browser must do so that the gateway lets it online.
     *
     * @param grant what {@link Arrival#grant()} held for this visitor
     * @param landingUrl absolute URL of the page to show once online
     * @param login issues a one-time RADIUS login for this visitor, for gateways that log visitors in
     *     through the portal's RADIUS server (called at most once)
     */
    GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login);
}
