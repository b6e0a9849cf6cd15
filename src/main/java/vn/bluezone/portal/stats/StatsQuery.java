package vn.bluezone.portal.stats;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which statistics to read: some venues, each with its time zone (impressions are already counted per local
 * day; RADIUS sessions are placed on the local day they started), and the local days {@code from..to} inclusive.
 *
 * @param venues venue code to time zone; 1 to {@value #MAX_VENUES} venues
 * @param from first local day
 * @param to last local day; at most {@value #MAX_DAYS} days after {@code from} counted inclusively
 */
public record StatsQuery(Map<String, ZoneId> venues, LocalDate from, LocalDate to) {
    public static final int MAX_DAYS = 366;
    public static final int MAX_VENUES = 1000;

    public StatsQuery {
        if (venues.isEmpty() || venues.size() > MAX_VENUES) {
            throw new IllegalArgumentException("between 1 and " + MAX_VENUES + " venues, got " + venues.size());
        }
        if (from.isAfter(to) || days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("a period of 1 to " + MAX_DAYS + " days, got " + from + ".." + to);
        }
        venues = Collections.unmodifiableSortedMap(new TreeMap<>(venues));
    }

    /** Number of days in {@code from..to}, both included. */
    public static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
