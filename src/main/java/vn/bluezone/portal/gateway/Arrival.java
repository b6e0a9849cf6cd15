package vn.bluezone.portal.gateway;

import java.util.Map;

/**
 * A visitor sent to the notice by a gateway.
 *
 * @param clientMac the device's MAC in canonical form, or empty when the gateway does not tell it
 * @param clientAddress the device's IP address as the gateway reported it (or the request's source)
 * @param originUrl the page the visitor asked for (http or https only), or empty
 * @param grant what the gateway needs later to let this visitor online
 */
public record Arrival(String clientMac, String clientAddress, String originUrl, Map<String, String> grant)
        implements ArrivalResult {

    public Arrival {
        grant = Map.copyOf(grant);
    }
}
