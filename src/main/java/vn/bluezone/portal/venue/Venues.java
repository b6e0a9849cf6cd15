package vn.bluezone.portal.venue;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import vn.bluezone.portal.config.VenueSettings;

/**
 * The venues by code: the configured ones, then those operators added in the web UI. Readers see one immutable
 * snapshot, replaced as a whole by {@link Registry} when the added ones change; they never lock.
 */
public final class Venues {
    private final AtomicReference<Map<String, VenueSettings>> byCode = new AtomicReference<>();

    public Venues(List<VenueSettings> venues) {
        replace(venues);
    }

    /** Swaps in a new list of every venue (configured first). */
    void replace(List<VenueSettings> venues) {
        Map<String, VenueSettings> next = new LinkedHashMap<>();
        venues.forEach(v -> next.put(v.code(), v));
        byCode.set(Collections.unmodifiableMap(next));
    }

    public Optional<VenueSettings> find(String code) {
        return Optional.ofNullable(byCode.get().get(code));
    }

    /** Every venue's code, configured ones first, in the order they were added. */
    public Set<String> codes() {
        return byCode.get().keySet();
    }

    /** Every venue, configured ones first. */
    public List<VenueSettings> all() {
        return List.copyOf(byCode.get().values());
    }

    /** The venue of a code that configuration already checked. */
    /** Every venue's time zone, by venue code. */
    public Map<String, ZoneId> timeZones() {
        return all().stream().collect(Collectors.toUnmodifiableMap(VenueSettings::code, VenueSettings::timeZone));
    }

    public VenueSettings get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("no venue " + code));
    }
}
