package vn.bluezone.portal.venue;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Venues, gateways and RADIUS clients that operators added in the web UI (those of the configuration file are never
 * stored). Shared by every node of a fleet. Failures throw
 * {@link vn.bluezone.portal.events.StoreUnavailableException}.
 */
public interface RegistryStore {

    /** What an entry is. */
    enum Section {
        VENUE("venue"), GATEWAY("gateway"), RADIUS_CLIENT("radius-client");

        private final String code;

        Section(String code) {
            this.code = code;
        }

        /** The name in the database. */
        public String code() {
            return code;
        }

        public static Optional<Section> fromCode(String code) {
            for (Section s : values()) {
                if (s.code.equals(code)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One added entry.
     *
     * @param key the venue code, gateway id or RADIUS client name (unique within its section)
     * @param settings the entry in the configuration file's keys, secrets included (strings, numbers, booleans)
     * @param createdBy the operator who added it
     */
    record Entry(Section section, String key, Map<String, Object> settings, Instant createdAt, String createdBy) {
        public Entry {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        @Override
        public String toString() {
            return "Entry[" + section.code() + " " + key + ", added " + createdAt + " by " + createdBy + "]";
        }
    }

    /** Every entry, oldest first. */
    List<Entry> list();

    /** Stores an entry; false when its section already has one with this key (someone else was first). */
    boolean add(Entry entry);

    /** Replaces the settings of an entry (a new secret); false when there is no such entry (someone removed it). */
    boolean replace(Section section, String key, Map<String, Object> settings);

    /** Removes an entry; false when there was none. */
    boolean remove(Section section, String key);
}
