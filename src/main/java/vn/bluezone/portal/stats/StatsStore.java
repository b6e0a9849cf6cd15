package vn.bluezone.portal.stats;

/** Reads statistics from the roll-ups kept beside the events. Implementations live in {@code store/}. */
public interface StatsStore {

    /**
     * Everything a dashboard shows for some venues over a period, read in one snapshot.
     *
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot be read
     */
    StatsSummary summary(StatsQuery query);
}
