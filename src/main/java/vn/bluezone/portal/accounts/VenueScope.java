package vn.bluezone.portal.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The venues whose statistics a staff member may read: for a venue user their own venues (those still configured),
 * for operators and authorities every configured venue. Anything else, known or not, is out of scope.
 */
public final class VenueScope {
    private final List<String> readable;
    private final Set<String> lookup;
    private final boolean everyVenue;

    private VenueScope(List<String> readable, boolean everyVenue) {
        this.readable = List.copyOf(readable);
        this.lookup = Set.copyOf(readable);
        this.everyVenue = everyVenue;
    }

    /**
     * @param configured every configured venue code, in the order they are shown
     */
    public static VenueScope of(Role role, Set<String> ownVenues, Collection<String> configured) {
        if (role.readsEveryVenue()) {
            return new VenueScope(List.copyOf(configured), true);
        }
        return new VenueScope(configured.stream().filter(ownVenues::contains).toList(), false);
    }

    /** Exactly: the code is one of the readable venues (no case folding, no trimming). */
    public boolean mayRead(String venueCode) {
        return venueCode != null && lookup.contains(venueCode);
    }

    /** The readable venue codes, in configuration order. */
    public List<String> venues() {
        return readable;
    }

    /** Every configured venue is in scope (operators and authorities). */
    public boolean everyVenue() {
        return everyVenue;
    }

    @Override
    public String toString() {
        return everyVenue ? "VenueScope[every venue]" : "VenueScope" + readable;
    }
}
