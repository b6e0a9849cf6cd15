package vn.bluezone.portal.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of events (group commit): impressions, grant redemptions and accounting records from
 * all requests that arrived while the previous batch was being committed go into the next transaction
 * together, so a single fsync makes many events durable. Each caller gets a future that completes only
 * once its event is durable, and answers (the visitor's page, the NAS's RADIUS reply) only then.
 *
 * <p>Thread-safe. The queue is bounded: when it is full the caller is told at once ({@link BusyException})
 * instead of the portal running out of memory. A watchdog fails the futures of events that have
 * waited longer than the commit timeout (a stalled disk), so no caller waits forever; if such an
 * event is committed later it is still counted, the caller was only asked to retry.
 */
public final class EventWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    /** Whether an event was stored, or refused as a replay (an acknowledgement or grant already stored). */
    public enum Outcome { STORED, REPLAY }

    /** The writer's queue is full, or it is shutting down. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message, null, false, false);
        }
    }

    /** Why events were not stored. */
    public enum Failure {
        /** the queue was full: the caller was told at once */
        QUEUE_FULL,
        /** the writer was shutting down */
        STOPPING,
        /** the store did not commit within the commit timeout: the caller was asked to retry */
        TIMED_OUT,
        /** the store failed the batch */
        STORE_ERROR
    }

    /**
     * Told what the writer did: commits on the writer's thread, refusals on the caller's. Must be quick and
     * must not throw. This is how metrics see the writer without the writer knowing about them.
     */
    public interface Observer {
        Observer NONE = new Observer() {
            @Override
            public void committed(List<Event> events, boolean[] stored, long commitNanos) {
            }

            @Override
            public void failed(Failure failure, int events) {
            }
        };

        /** A batch was committed: {@code stored[i]} tells whether {@code events.get(i)} was new (not a replay). */
        void committed(List<Event> events, boolean[] stored, long commitNanos);

        void failed(Failure failure, int events);
    }

    private record Pending(Event event, CompletableFuture<Outcome> done, long queuedAtNanos) {
    }

    private final EventStore store;
    private final Observer observer;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final long timeoutNanos;
    private final ScheduledExecutorService watchdog;
    private volatile List<Pending> committing = List.of();
    private volatile long committingSinceNanos;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile boolean accepting = true;

    public EventWriter(EventStore store, int maxBatch, int queueCapacity, Duration commitTimeout) {
        this(store, maxBatch, queueCapacity, commitTimeout, Observer.NONE);
    }

    public EventWriter(EventStore store, int maxBatch, int queueCapacity, Duration commitTimeout, Observer observer) {
        this.store = store;
        this.observer = observer;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.timeoutNanos = commitTimeout.toNanos();
        this.thread = new Thread(this::run, "event-writer");
        this.thread.setDaemon(false);
        this.thread.start();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-writer-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, commitTimeout.toMillis() / 10);
        watchdog.scheduleAtFixedRate(this::failOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    private void failOverdue() {
        try {
            failOverdue(System.nanoTime());
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: log and keep watching
            log.warn("event writer watchdog: {}", e.toString());
        }
    }

    private void failOverdue(long now) {
        List<Pending> batch = committing;
        int timedOut = 0;
        if (!batch.isEmpty() && now - committingSinceNanos > timeoutNanos) {
            for (Pending p : batch) {
                timedOut += p.done().completeExceptionally(new BusyException("the store did not commit in time")) ? 1 : 0;
            }
        }
        for (Pending p : queue) {
            if (now - p.queuedAtNanos() <= timeoutNanos) {
                break;
            }
            timedOut += p.done().completeExceptionally(new BusyException("the event waited too long for the store")) ? 1 : 0;
        }
        if (timedOut > 0) {
            observer.failed(Failure.TIMED_OUT, timedOut);
        }
    }

    /** Queues an event; the future completes when it is durable, or fails if it could not be stored. */
    public CompletableFuture<Outcome> record(Event event) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        if (!accepting) {
            done.completeExceptionally(new BusyException("the event writer is shutting down"));
            observer.failed(Failure.STOPPING, 1);
        } else if (!queue.offer(new Pending(event, done, System.nanoTime()))) {
            done.completeExceptionally(new BusyException("the event queue is full (" + queue.size() + " waiting)"));
            observer.failed(Failure.QUEUE_FULL, 1);
        }
        return done;
    }

    public long storedCount() {
        return stored.get();
    }

    public long batchCount() {
        return batches.get();
    }

    public long failedBatchCount() {
        return failedBatches.get();
    }

    public int queued() {
        return queue.size();
    }

    /** How long the oldest event still queued has waited (0 when none waits): how far the writer lags behind. */
    public Duration lag() {
        Pending oldest = queue.peek();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - oldest.queuedAtNanos()));
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Pending left;
        int dropped = 0;
        while ((left = queue.poll()) != null) {
            dropped += left.done().completeExceptionally(new BusyException("the event writer stopped")) ? 1 : 0;
        }
        if (dropped > 0) {
            observer.failed(Failure.STOPPING, dropped);
        }
    }

    private void commit(List<Pending> batch) {
        try {
            store(batch);
        } finally {
            committing = List.of();
        }
    }

    private void store(List<Pending> batch) {
        List<Event> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            events.add(p.event());
        }
        boolean[] result;
        committingSinceNanos = System.nanoTime();
        committing = List.copyOf(batch);
        try {
            result = store.append(events);
        } catch (RuntimeException e) {
            failedBatches.incrementAndGet();
            observer.failed(Failure.STORE_ERROR, batch.size());
            log.error("could not store {} events: {}", batch.size(), e.getMessage(), e);
            for (Pending p : batch) {
                p.done().completeExceptionally(e);
            }
            return;
        }
        long commitNanos = System.nanoTime() - committingSinceNanos;
        batches.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            if (result[i]) {
                stored.incrementAndGet();
            }
            batch.get(i).done().complete(result[i] ? Outcome.STORED : Outcome.REPLAY);
        }
        observer.committed(events, result, commitNanos);
    }

    /** Stops taking new events, commits every one already queued, and waits for the writer to finish. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Like {@link #close}, waiting at most {@code within} for the queued events; returns whether all were committed. */
    public boolean stop(Duration within) {
        accepting = false;
        watchdog.shutdownNow();
        try {
            thread.join(Math.max(1, within.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("event writer did not finish within {} ms; {} events still queued", within.toMillis(), queue.size());
            return false;
        }
        return true;
    }
}
