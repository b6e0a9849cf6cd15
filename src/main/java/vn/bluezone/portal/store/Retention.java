package vn.bluezone.portal.store;

/**
 * Deletes raw data older than {@code store.retention} (impressions, the device keys seen per venue and day, expired
 * polled grants) and keeps the roll-ups. One per store implementation, run daily by a
 * {@link vn.bluezone.portal.ops.ScheduledJob}.
 */
public interface Retention {

    /** What one run deleted ({@code impressions} includes the nonces kept for flagged acknowledgements). */
    record Purged(long impressions, long deviceDays, long polledGrants) {
    }

    /**
     * Deletes what is past the retention now, in short transactions; stops early when the calling thread is interrupted.
     *
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot be reached
     */
    Purged purge();

    /** Runs {@link #purge()}, logging what it deleted. */
    void purgeAndLog();
}
