package vn.bluezone.portal.stats;

import java.util.Map;

/** Reads statistics from the roll-ups kept beside the events. Implementations live in {@code store/}. */
public interface StatsStore {

    /**
     * Everything a dashboard shows for some venues over a period, read in one snapshot.
     *
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot be read
     */
    StatsSummary summary(StatsQuery query);

    /**
     * The flagged impressions of each of the query's venues over its period (venues without any are absent): recorded,
     * never part of {@link #summary}'s figures.
     *
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot be read
     */
    Map<String, FlaggedCounts> flagged(StatsQuery query);
}
