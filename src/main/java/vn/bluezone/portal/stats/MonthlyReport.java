package vn.bluezone.portal.stats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.bluezone.portal.config.VenueSettings;

/**
 * The authority's monthly report: each venue's figures for one month on its own clock, and their totals by
 * district and by type of place. Built from one {@link StatsSummary} per venue.
 *
 * @param month the month reported
 * @param byVenue one line per venue, in the order asked
 * @param byDistrict lines summed per district (empty district = "not set"), sorted by name
 * @param byType lines summed per type of place, sorted by name
 * @param total all venues together
 */
public record MonthlyReport(YearMonth month, List<Line> byVenue, List<Line> byDistrict, List<Line> byType, Line total) {

    /**
     * One row: impressions of each kind, and the unique devices summed over the days (device-days).
     *
     * @param label venue name, district or type
     * @param venues how many venues the row covers
     */
    public record Line(String label, int venues, ImpressionCounts counts, long deviceDays) {
        Line plus(Line other) {
            return new Line(label, venues + other.venues, counts.plus(other.counts), deviceDays + other.deviceDays);
        }
    }

    /** Reads the month for each venue from the store and sums the lines. */
    public static MonthlyReport of(YearMonth month, List<VenueSettings> venues, StatsStore stats) {
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        List<Line> byVenue = new ArrayList<>();
        Map<String, Line> byDistrict = new TreeMap<>();
        Map<String, Line> byType = new TreeMap<>();
        Line total = new Line("", 0, ImpressionCounts.NONE, 0);
        for (VenueSettings venue : venues) {
            StatsSummary s = stats.summary(new StatsQuery(Map.of(venue.code(), venue.timeZone()), from, to));
            long deviceDays = s.uniqueDevicesByDay().values().stream().mapToLong(Long::longValue).sum();
            Line line = new Line(venue.name(), 1, s.totals(), deviceDays);
            byVenue.add(line);
            byDistrict.merge(venue.district(), new Line(venue.district(), 1, s.totals(), deviceDays), Line::plus);
            byType.merge(venue.venueType(), new Line(venue.venueType(), 1, s.totals(), deviceDays), Line::plus);
            total = total.plus(line);
        }
        return new MonthlyReport(month, byVenue, new ArrayList<>(byDistrict.values()),
                new ArrayList<>(byType.values()), total);
    }
}
