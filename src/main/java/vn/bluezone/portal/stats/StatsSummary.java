package vn.bluezone.portal.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What a dashboard shows for a {@link StatsQuery}. Days and hours are the venues' local ones; every day of
 * the period and every hour 0..23 is present, with zeros where nothing happened.
 *
 * @param query what was asked
 * @param totals impressions over the whole period
 * @param byDay impressions per local day
 * @param byHour impressions per local hour of day (index 0..23), summed over the period
 * @param byPlatform impressions per platform code ({@code ios}, {@code android}, {@code other}), only those seen
 * @param byLanguage impressions per language code the notice was shown in, only those seen
 * @param byCampaign impressions per campaign id (a variant test's two texts are two campaigns), only those seen
 * @param uniqueDevicesByDay devices seen per local day: per venue, distinct device keys (keyed MAC hashes); for
 *     several venues, the sum of the venues' counts. Phones randomise their MAC per network, and some rotate it,
 *     so this is the number of device keys seen, an upper bound of the number of people
 * @param sessions RADIUS sessions that started in the period
 */
public record StatsSummary(
        StatsQuery query,
        ImpressionCounts totals,
        SortedMap<LocalDate, ImpressionCounts> byDay,
        List<ImpressionCounts> byHour,
        SortedMap<String, ImpressionCounts> byPlatform,
        SortedMap<String, ImpressionCounts> byLanguage,
        SortedMap<String, ImpressionCounts> byCampaign,
        SortedMap<LocalDate, Long> uniqueDevicesByDay,
        Sessions sessions) {

    /**
     * RADIUS accounting sessions (gateways that log visitors in through RADIUS), placed on the venue's local day
     * they started.
     *
     * @param byDay sessions started per local day
     * @param count all sessions started in the period
     * @param completed those of them that have ended (Accounting Stop, or the NAS restarted)
     * @param medianDwell the median length of the completed ones (the mean of the two middle ones for an even
     *     count); empty when none has ended
     */
    public record Sessions(SortedMap<LocalDate, Long> byDay, long count, long completed, Optional<Duration> medianDwell) {
    }
}
