package vn.bluezone.portal.venue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.bluezone.portal.config.VenueSettings;

/** The configured venues by code. Immutable. */
public final class Venues {
    private final Map<String, VenueSettings> byCode = new LinkedHashMap<>();

    public Venues(List<VenueSettings> venues) {
        venues.forEach(v -> byCode.put(v.code(), v));
    }

    public Optional<VenueSettings> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Every venue's code, in configuration order. */
    public Set<String> codes() {
        return Collections.unmodifiableSet(byCode.keySet());
    }

    /** The venue of a code that configuration already checked. */
    public VenueSettings get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("no venue " + code));
    }
}
