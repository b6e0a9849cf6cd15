package vn.bluezone.portal.store;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsSummary;

/**
 * Sums the roll-up rows a statistics query reads into the {@link StatsSummary} a dashboard shows, the same for every
 * store: impressions by day, platform, language and campaign ({@code impression_daily}) and by hour of the day
 * ({@code impression_hour_kind}), devices per day, sessions per day and their lengths per whole minute. One pass over
 * each table, summed here: GROUP BYs would each sort the same rows.
 *
 * <p>The median dwell is read to the minute: sessions are counted per whole minute of length, and the median is the
 * middle of the minute it falls in (the mean of two such middles for an even count).
 */
public final class StatsTally {
    private static final ImpressionKind[] KINDS = ImpressionKind.values();

    private final StatsQuery query;
    private final int days;
    private final long[][] byDay;
    private final long[][] byHour = new long[24][KINDS.length];
    private final Map<String, long[]> byPlatform = new TreeMap<>();
    private final Map<String, long[]> byLanguage = new TreeMap<>();
    private final Map<String, long[]> byCampaign = new TreeMap<>();
    private final long[] devicesByDay;
    private final long[] sessionsByDay;
    private final SortedMap<Long, Long> sessionsByMinute = new TreeMap<>();

    public StatsTally(StatsQuery query) {
        this.query = query;
        this.days = (int) StatsQuery.days(query.from(), query.to());
        this.byDay = new long[days][KINDS.length];
        this.devicesByDay = new long[days];
        this.sessionsByDay = new long[days];
    }

    /** The period's number of days. */
    public int days() {
        return days;
    }

    private boolean inPeriod(int day) {
        return day >= 0 && day < days;
    }

    /**
     * A daily roll-up row.
     *
     * @param day days after the query's first day (rows outside the period are left out)
     * @param kind the {@link ImpressionKind#ordinal()}; negative for a kind this version does not know (left out)
     */
    public void addDaily(int day, int kind, String platform, String language, String campaign, long count) {
        if (kind < 0 || !inPeriod(day)) {
            return;
        }
        byDay[day][kind] += count;
        byPlatform.computeIfAbsent(platform, k -> new long[KINDS.length])[kind] += count;
        byLanguage.computeIfAbsent(language, k -> new long[KINDS.length])[kind] += count;
        byCampaign.computeIfAbsent(campaign, k -> new long[KINDS.length])[kind] += count;
    }

    /** An hour-and-kind roll-up row ({@code kind} as in {@link #addDaily}). */
    public void addHour(int hour, int kind, long count) {
        if (kind >= 0) {
            byHour[hour][kind] += count;
        }
    }

    /** A venue's number of devices on a day of the period. */
    public void addDevices(int day, long devices) {
        if (inPeriod(day)) {
            devicesByDay[day] += devices;
        }
    }

    /** Sessions that started on a day of the period. */
    public void addSessions(int day, long started) {
        if (inPeriod(day)) {
            sessionsByDay[day] += started;
        }
    }

    /** Ended sessions that lasted {@code minutes} whole minutes. */
    public void addDwell(long minutes, long sessions) {
        sessionsByMinute.merge(minutes, sessions, Long::sum);
    }

    public StatsSummary summary() {
        SortedMap<LocalDate, ImpressionCounts> byDate = new TreeMap<>();
        for (int d = 0; d < days; d++) {
            byDate.put(query.from().plusDays(d), counts(byDay[d]));
        }
        ImpressionCounts totals = byDate.values().stream().reduce(ImpressionCounts.NONE, ImpressionCounts::plus);
        List<ImpressionCounts> hours = new ArrayList<>(24);
        for (long[] h : byHour) {
            hours.add(counts(h));
        }
        long count = 0;
        for (long n : sessionsByDay) {
            count += n;
        }
        long completed = sessionsByMinute.values().stream().mapToLong(Long::longValue).sum();
        StatsSummary.Sessions sessions = new StatsSummary.Sessions(perDay(sessionsByDay), count, completed, median(completed));
        return new StatsSummary(query, totals, Collections.unmodifiableSortedMap(byDate), List.copyOf(hours), table(byPlatform),
                table(byLanguage), table(byCampaign), perDay(devicesByDay), sessions);
    }

    private SortedMap<LocalDate, Long> perDay(long[] values) {
        SortedMap<LocalDate, Long> byDate = new TreeMap<>();
        for (int d = 0; d < days; d++) {
            byDate.put(query.from().plusDays(d), values[d]);
        }
        return Collections.unmodifiableSortedMap(byDate);
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

    /** The middle of the minute the median falls in; for an even count the mean of the two middle ones. */
    private Optional<Duration> median(long count) {
        if (count == 0) {
            return Optional.empty();
        }
        long lower = -1;
        long upper = -1;
        long seen = 0;
        for (Map.Entry<Long, Long> e : sessionsByMinute.entrySet()) {
            seen += e.getValue();
            if (lower < 0 && seen > (count - 1) / 2) {
                lower = e.getKey();
            }
            if (seen > count / 2) {
                upper = e.getKey();
                break;
            }
        }
        long millis = (lower * 60_000 + 30_000 + upper * 60_000 + 30_000) / 2;
        return Optional.of(Duration.ofMillis(millis));
    }
}
