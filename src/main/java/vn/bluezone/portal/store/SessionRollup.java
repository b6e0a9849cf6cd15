package vn.bluezone.portal.store;

/**
 * Rolls RADIUS sessions up per venue and settled local day ({@code session_day}, {@code session_dwell}), so the
 * statistics of a long period read one row per day instead of every session. A day is settled once
 * {@value #SETTLE_DAYS} whole days have passed after it on the venue's clock. One per store implementation, run hourly
 * by a {@link vn.bluezone.portal.ops.ScheduledJob}; nodes of a fleet that run it at the same time write the same rows
 * once.
 */
public interface SessionRollup {
    /** Days after which a local day is rolled up. */
    int SETTLE_DAYS = 3;

    /**
     * Writes the roll-up rows of every venue's settled days not yet written, from the day of its first session.
     *
     * @return how many venue-days were written
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot be reached
     */
    int rollUp();

    /** Runs {@link #rollUp()}, logging what it wrote. */
    void rollUpAndLog();
}
