package vn.bluezone.portal.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsSummary;

/**
 * Sums the hourly roll-up rows a statistics query reads into what a {@link StatsSummary} shows: by day, by hour of the
 * day, by platform and by language. One pass, whatever the store: summing here costs less than four GROUP BYs sorting
 * the same rows.
 */
public final class ImpressionTally {
    private static final ImpressionKind[] KINDS = ImpressionKind.values();

    private final StatsQuery query;
    private final int days;
    private final long[][] byDay;
    private final long[][] byHour = new long[24][KINDS.length];
    private final Map<String, long[]> byPlatform = new TreeMap<>();
    private final Map<String, long[]> byLanguage = new TreeMap<>();

    public ImpressionTally(StatsQuery query) {
        this.query = query;
        this.days = (int) StatsQuery.days(query.from(), query.to());
        this.byDay = new long[days][KINDS.length];
    }

    /**
     * Adds one roll-up row.
     *
     * @param day days after the query's first day
     * @param kind the {@link ImpressionKind#ordinal()}; rows outside the period or of an unknown kind (negative) are left out
     */
    public void add(int day, int hour, int kind, String platform, String language, long count) {
        if (kind < 0 || kind >= KINDS.length || day < 0 || day >= days) {
            return;
        }
        byDay[day][kind] += count;
        byHour[hour][kind] += count;
        byPlatform.computeIfAbsent(platform, k -> new long[KINDS.length])[kind] += count;
        byLanguage.computeIfAbsent(language, k -> new long[KINDS.length])[kind] += count;
    }

    /** The summary of the rows added, with the unique devices and sessions read beside them. */
    public StatsSummary summary(SortedMap<LocalDate, Long> uniqueDevices, StatsSummary.Sessions sessions) {
        SortedMap<LocalDate, ImpressionCounts> byDate = new TreeMap<>();
        for (int d = 0; d < days; d++) {
            byDate.put(query.from().plusDays(d), counts(byDay[d]));
        }
        ImpressionCounts totals = byDate.values().stream().reduce(ImpressionCounts.NONE, ImpressionCounts::plus);
        List<ImpressionCounts> hours = new ArrayList<>(24);
        for (long[] h : byHour) {
            hours.add(counts(h));
        }
        return new StatsSummary(query, totals, Collections.unmodifiableSortedMap(byDate), List.copyOf(hours), table(byPlatform),
                table(byLanguage), uniqueDevices, sessions);
    }

    private static ImpressionCounts counts(long[] byKind) {
        ImpressionCounts c = ImpressionCounts.NONE;
        for (ImpressionKind k : KINDS) {
            c = c.plus(k, byKind[k.ordinal()]);
        }
        return c;
    }

    private static SortedMap<String, ImpressionCounts> table(Map<String, long[]> rows) {
        SortedMap<String, ImpressionCounts> table = new TreeMap<>();
        rows.forEach((key, byKind) -> table.put(key, counts(byKind)));
        return Collections.unmodifiableSortedMap(table);
    }

    /**
     * Unique devices per day of the period (zero where none): the sum over venues of each venue's count for that day.
     *
     * @param perVenueDay counts keyed by {@code "venue yyyy-mm-dd"}
     */
    public static SortedMap<LocalDate, Long> devicesByDay(StatsQuery query, Map<String, Long> perVenueDay) {
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        for (LocalDate d = query.from(); !d.isAfter(query.to()); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        perVenueDay.forEach((key, n) -> byDay.merge(LocalDate.parse(key.substring(key.indexOf(' ') + 1)), n, Long::sum));
        return Collections.unmodifiableSortedMap(byDay);
    }

    /** Counts per day of the period, from an array indexed by days after its first day. */
    public static SortedMap<LocalDate, Long> countsByDay(StatsQuery query, long[] perDay) {
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        for (int d = 0; d < perDay.length; d++) {
            byDay.put(query.from().plusDays(d), perDay[d]);
        }
        return Collections.unmodifiableSortedMap(byDay);
    }
}
