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
}
