package vn.bluezone.portal.radius;

import java.nio.charset.StandardCharsets;
import vn.bluezone.portal.config.NasClientSettings;

/** A configured NAS as the server uses it: its settings and its secret as bytes. */
record NasClient(NasClientSettings settings, byte[] secret) {

    static NasClient of(NasClientSettings settings) {
        return new NasClient(settings, settings.secret().getBytes(StandardCharsets.UTF_8));
    }

    String name() {
        return settings.name();
    }

    String venue() {
        return settings.venue();
    }
}
