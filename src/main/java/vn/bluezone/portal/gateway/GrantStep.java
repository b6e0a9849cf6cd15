package vn.bluezone.portal.gateway;

import java.util.Map;

/** What the visitor's browser does after Continue so that the gateway lets it online. */
public sealed interface GrantStep {

    /** Follow a link to the gateway (openNDS, CoovaChilli, or straight on when there is no gateway). */
    record Redirect(String url) implements GrantStep {
    }

    /**
     * Post a form to the gateway (MikroTik's login): the page submits it by itself and shows a button
     * for browsers without JavaScript.
     *
     * @param action the gateway's login URL (already checked to be the gateway's own)
     * @param fields field names and values, in order
     */
    record PostForm(String action, Map<String, String> fields) implements GrantStep {
        public PostForm {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /**
     * The gateway fetches the clients to let in from the portal (openNDS authmon, levels 3 and 4): the portal
     * queues {@code line} for the gateway's {@code poller} and keeps the visitor on a "connecting" page until
     * the gateway confirms {@code key}. The browser never goes back to the gateway.
     *
     * @param poller who fetches the line (openNDS: the gatewayhash of one router)
     * @param key what the gateway confirms once the visitor is let in (openNDS: the rhid)
     * @param line what the gateway is handed, already in its wire form
     */
    record Polled(String poller, String key, String line) implements GrantStep {
    }
}
