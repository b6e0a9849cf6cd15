package vn.bluezone.portal.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a store's {@link Retention} on its own thread: once after a delay, then at a fixed interval. */
public final class RetentionJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;
    private final Duration keep;
    private final ScheduledExecutorService thread;

    /**
     * @param keep the configured retention, for the log
     */
    public RetentionJob(Retention retention, Duration keep, Duration firstAfter, Duration every) {
        this.retention = retention;
        this.keep = keep;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::purgeAndLog, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purgeAndLog() {
        try {
            Retention.Purged p = retention.purge();
            log.info("retention {}: deleted {} impressions, {} device-day keys, {} expired polled grants", keep,
                    p.impressions(), p.deviceDays(), p.polledGrants());
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: log and try on the next day
            log.warn("retention job failed: {}", e.toString());
        }
    }

    /** Stops the thread; a run in progress ends after its current transaction. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
