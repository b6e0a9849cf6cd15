package vn.bluezone.portal.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background task on its own daemon thread, run after a first delay and then with a fixed delay between runs.
 * A run that fails is logged with the job's name and the next run happens as planned (an executor drops a
 * periodic task for good after it throws once). Closing interrupts a run in progress and waits up to 5 s for it.
 */
public final class ScheduledJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScheduledJob.class);

    private final ScheduledExecutorService thread;

    private ScheduledJob(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /** Starts {@code task} on a thread called {@code name}, after {@code firstAfter}, then every {@code every}. */
    public static ScheduledJob start(String name, Duration firstAfter, Duration every, Runnable task) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed, tried again in {}: {}", name, every, e.toString());
            }
        }, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new ScheduledJob(thread);
    }

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
