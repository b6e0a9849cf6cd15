package vn.bluezone.portal.events;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>When the store cannot take a batch ({@link StoreUnavailableException}) the batch goes to the local
 * {@link EventSpool} instead and is durable once there; later batches follow it into the spool, in order,
 * while it holds any. Replay protection then comes from {@link RecentNonces}: an acknowledgement or grant token
 * already used on this node is refused as a {@link Outcome#REPLAY}. Between batches the writer probes the store
 * ({@link EventStore#isReachable}, backing off from {@value #MIN_BACKOFF_MILLIS} ms to {@value #MAX_BACKOFF_MILLIS} ms)
 * and replays the spool into it in order, each batch exactly once ({@link EventStore#appendOnce}), in slices, so new
 * events keep being taken meanwhile; once it has caught up the spool file is deleted and batches go straight to the
 * store again. A spool left by an earlier run is replayed the same way after start.
 *
 * <p>Thread-safe. The queue is bounded: when it is full the caller is told at once ({@link BusyException})
 * instead of the portal running out of memory. A watchdog fails the futures of events that have
 * waited longer than the commit timeout (a stalled disk), so no caller waits forever; if such an
 * event is committed later it is still counted, the caller was only asked to retry.
 */
public final class EventWriter implements DurableWriter {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    static final long MIN_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    /** Longest the writer replays before it takes the events queued meanwhile. */
    private static final long REPLAY_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** While batches keep being refused, one error line per this interval. */
    private static final long REFUSAL_LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Whether an event was stored, or refused as a replay (an acknowledgement or grant already stored). */
    public enum Outcome { STORED, REPLAY }

    /** Where new events go. */
    public enum Mode {
        /** into the store */
        DIRECT,
        /** into the spool file: the store cannot take them */
        SPOOLING,
        /** into the spool file, while the spool is being replayed into the store that is back */
        REPLAYING,
        /** nowhere: the last batch could be kept neither in the store nor in the spool, its callers were asked to retry */
        FAILING
    }

    /**
     * What the writer is doing, for health checks and metrics.
     *
     * @param problem why the store or the spool last refused a batch, while that matters (empty in {@link Mode#DIRECT})
     * @param diskFull whether that refusal was for want of disk space
     */
    public record Status(Mode mode, long spoolBytes, int spoolBatches, String problem, boolean diskFull) {
    }

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
        /** the batch could be kept neither in the store nor in the spool */
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
    private final EventSpool spool;
    private final RecentNonces nonces;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final long timeoutNanos;
    private final ScheduledExecutorService watchdog;
    private volatile List<Pending> committing = List.of();
    private volatile long committingSinceNanos;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile boolean accepting = true;
    private volatile Status status = new Status(Mode.DIRECT, 0, 0, "", false);

    // the writer thread's own state
    private boolean failing;
    private String problem = "";
    private boolean diskFull;
    private long lastRefusalLogNanos;
    private long refusedSinceLog;
    private boolean replaying;
    /** The store answers probes but refuses replayed batches (a full disk): logged once until the replay is done. */
    private boolean replayRefused;
    private long nextReplayNanos = System.nanoTime();
    private long backoffNanos = TimeUnit.MILLISECONDS.toNanos(MIN_BACKOFF_MILLIS);
    private final ReplayTally tally = new ReplayTally();

    /** A writer without a spool: a batch the store cannot take fails its callers. */
    public EventWriter(EventStore store, int maxBatch, int queueCapacity, Duration commitTimeout) {
        this(store, maxBatch, queueCapacity, commitTimeout, Observer.NONE);
    }

    /** A writer without a spool that tells {@code observer} what it does. */
    public EventWriter(EventStore store, int maxBatch, int queueCapacity, Duration commitTimeout, Observer observer) {
        this(store, Optional.empty(), null, maxBatch, queueCapacity, commitTimeout, observer);
    }

    /**
     * @param spool where batches go while the store cannot take them; its batches are replayed after start
     * @param nonces this node's recently used visit and grant nonces (replay protection while spooling)
     */
    public EventWriter(EventStore store, EventSpool spool, RecentNonces nonces, int maxBatch, int queueCapacity,
            Duration commitTimeout) {
        this(store, spool, nonces, maxBatch, queueCapacity, commitTimeout, Observer.NONE);
    }

    /** A writer with a spool that tells {@code observer} what it does. */
    public EventWriter(EventStore store, EventSpool spool, RecentNonces nonces, int maxBatch, int queueCapacity,
            Duration commitTimeout, Observer observer) {
        this(store, Optional.of(spool), Objects.requireNonNull(nonces), maxBatch, queueCapacity, commitTimeout, observer);
    }

    private EventWriter(EventStore store, Optional<EventSpool> spool, RecentNonces nonces, int maxBatch, int queueCapacity,
            Duration commitTimeout, Observer observer) {
        this.store = store;
        this.observer = observer;
        this.spool = spool.orElse(null);
        this.nonces = nonces;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.timeoutNanos = commitTimeout.toNanos();
        publish();
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
    @Override
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

    /** Events stored in the store, directly or replayed from the spool. */
    @Override
    public long storedCount() {
        return stored.get();
    }

    /** Events kept in the spool file because the store could not take them. */
    @Override
    public long spooledCount() {
        return spooled.get();
    }

    @Override
    public long batchCount() {
        return batches.get();
    }

    /** Batches whose callers were asked to retry: kept neither in the store nor in the spool. */
    @Override
    public long failedBatchCount() {
        return failedBatches.get();
    }

    @Override
    public int queued() {
        return queue.size();
    }

    /** How long the oldest event still queued has waited (0 when none waits): how far the writer lags behind. */
    @Override
    public Duration lag() {
        Pending oldest = queue.peek();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - oldest.queuedAtNanos()));
    }

    @Override
    public boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public Status status() {
        return status;
    }

    /** Bytes in the spool file still to be replayed into the store; 0 without a spool. For the {@code bluezone_spool_bytes} gauge. */
    @Override
    public long spoolBytes() {
        return spool == null ? 0 : spool.pendingBytes();
    }

    private void publish() {
        boolean pending = spool != null && spool.hasPending();
        Mode mode = failing ? Mode.FAILING : pending ? (replaying ? Mode.REPLAYING : Mode.SPOOLING) : Mode.DIRECT;
        status = new Status(mode, spoolBytes(), spool == null ? 0 : spool.pendingBatches(), mode == Mode.DIRECT ? "" : problem,
                mode == Mode.FAILING && diskFull);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(replaying ? 0 : 50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    commit(batch);
                }
                replayIfDue();
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

    /** Stores or spools a batch; its callers learn the outcome only after {@link #status} shows the state it left. */
    private void commit(List<Pending> batch) {
        committingSinceNanos = System.nanoTime();
        committing = List.copyOf(batch);
        try {
            if (spool != null && spool.hasPending()) {
                spool(batch, null);
            } else {
                store(batch);
            }
        } finally {
            committing = List.of();
            publish();
        }
    }

    private void store(List<Pending> batch) {
        boolean[] result;
        List<Event> events = events(batch);
        try {
            result = store.append(events);
        } catch (StoreUnavailableException e) {
            if (spool == null) {
                refuse(batch, e, e.getMessage());
            } else {
                spool(batch, e);
            }
            return;
        } catch (RuntimeException e) {
            refuse(batch, e, e.toString());
            return;
        }
        long commitNanos = System.nanoTime() - committingSinceNanos;
        batches.incrementAndGet();
        kept();
        publish();
        for (int i = 0; i < batch.size(); i++) {
            Event event = batch.get(i).event();
            if (result[i]) {
                stored.incrementAndGet();
            }
            String nonce = RecentNonces.of(event);
            if (nonce != null && nonces != null) {
                nonces.remember(nonce);
            }
            batch.get(i).done().complete(result[i] ? Outcome.STORED : Outcome.REPLAY);
        }
        observer.committed(events, result, commitNanos);
    }

    /**
     * Keeps a batch in the spool file: durable there. Acknowledgements and grant redemptions whose nonce this node
     * used lately are refused as replays first, as the store would have.
     *
     * @param storeFailure why the store refused this batch, or null when it was not asked (the spool holds batches)
     */
    private void spool(List<Pending> batch, StoreUnavailableException storeFailure) {
        List<Pending> keep = new ArrayList<>(batch.size());
        List<String> claimed = new ArrayList<>();
        for (Pending p : batch) {
            String nonce = RecentNonces.of(p.event());
            if (nonce != null) {
                if (!nonces.firstUse(nonce)) {
                    p.done().complete(Outcome.REPLAY);
                    continue;
                }
                claimed.add(nonce);
            }
            keep.add(p);
        }
        if (keep.isEmpty()) {
            return;
        }
        boolean started = !spool.hasPending();
        try {
            spool.append(events(keep));
        } catch (IOException e) {
            claimed.forEach(nonces::forget);
            String why = (storeFailure == null ? "" : storeFailure.getMessage() + "; ") + "the spool file " + spool.file() + " refused them too: "
                    + e.getMessage();
            StoreUnavailableException refused = new StoreUnavailableException("cannot keep events: " + why, e);
            if (storeFailure != null) {
                refused.addSuppressed(storeFailure);
            }
            refuse(keep, refused, why);
            return;
        }
        if (storeFailure != null) {
            problem = storeFailure.getMessage();
            if (started) {
                log.warn("the store cannot take events ({}): keeping them in the spool file {} until it is back", storeFailure.getMessage(),
                        spool.file());
                replaying = false;
                nextReplayNanos = System.nanoTime() + backoffNanos;
            }
        }
        spooled.addAndGet(keep.size());
        kept();
        publish();
        keep.forEach(p -> p.done().complete(Outcome.STORED));
        boolean[] kept = new boolean[keep.size()];
        Arrays.fill(kept, true);
        observer.committed(events(keep), kept, System.nanoTime() - committingSinceNanos);
    }

    /** The batch could be kept nowhere: its callers are told to retry (the page is not sent, the NAS gets no answer). */
    private void refuse(List<Pending> batch, RuntimeException e, String why) {
        failedBatches.incrementAndGet();
        observer.failed(Failure.STORE_ERROR, batch.size());
        boolean noSpace = lacksSpace(e);
        long now = System.nanoTime();
        if (!failing || now - lastRefusalLogNanos > REFUSAL_LOG_EVERY_NANOS) {
            log.error("could not keep {} events, their callers are asked to retry{}: {}{}", batch.size(),
                    refusedSinceLog == 0 ? "" : " (" + refusedSinceLog + " more batches refused since the last line)", why,
                    noSpace ? " -- DISK FULL: free space on the disks of the database and the data folder" : "", failing ? null : e);
            lastRefusalLogNanos = now;
            refusedSinceLog = 0;
        } else {
            refusedSinceLog++;
        }
        failing = true;
        diskFull = noSpace;
        problem = why;
        publish();
        for (Pending p : batch) {
            p.done().completeExceptionally(e);
        }
    }

    /** A batch was kept (stored or spooled): if batches were being refused, that is over. */
    private void kept() {
        if (failing) {
            log.info("events are kept again ({})", spool != null && spool.hasPending() ? "in the spool file " + spool.file() : "in the store");
            failing = false;
            diskFull = false;
            refusedSinceLog = 0;
        }
    }

    /** Whether a failure came from a full disk (the JVM's and SQLite's words for it). */
    static boolean lacksSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left on device") || m.contains("SQLITE_FULL") || m.contains("disk is full")) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (lacksSpace(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Replays the spool into the store for one slice, when it holds batches and the store is due to be tried. */
    private void replayIfDue() {
        if (spool == null || !spool.hasPending() || System.nanoTime() - nextReplayNanos < 0) {
            return;
        }
        if (!replaying) {
            if (!store.isReachable()) {
                backOff();
                return;
            }
            replaying = true;
            if (!replayRefused) {
                log.info("the store answers: replaying {} spooled batches ({} bytes) from {}", spool.pendingBatches(), spool.pendingBytes(),
                        spool.file());
            }
        }
        long until = System.nanoTime() + REPLAY_SLICE_NANOS;
        try {
            while (System.nanoTime() - until < 0) {
                Optional<EventSpool.SpooledBatch> next = spool.next();
                if (next.isEmpty()) {
                    break;
                }
                Optional<boolean[]> applied = store.appendOnce(next.get().id(), next.get().events());
                tally.add(next.get(), applied);
                applied.ifPresent(a -> {
                    for (boolean s : a) {
                        if (s) {
                            stored.incrementAndGet();
                        }
                    }
                });
                spool.replayed(next.get());
                backoffNanos = TimeUnit.MILLISECONDS.toNanos(MIN_BACKOFF_MILLIS);
            }
            if (spool.deleteIfReplayed()) {
                log.info("spool replayed into the store: {}", tally);
                tally.clear();
                replaying = false;
                replayRefused = false;
            }
        } catch (StoreUnavailableException e) {
            replaying = false;
            problem = e.getMessage();
            if (!replayRefused) {
                log.warn("replaying the spool paused, the store refused a batch: {}; trying again, waiting up to {} ms between tries "
                        + "(further refusals are not logged)", e.getMessage(), MAX_BACKOFF_MILLIS);
            }
            replayRefused = true;
            backOff();
        } catch (IOException | RuntimeException e) {
            replaying = false;
            log.error("replaying the spool file {} failed; trying again in {} ms", spool.file(), TimeUnit.NANOSECONDS.toMillis(backoffNanos), e);
            backOff();
        } finally {
            publish();
        }
    }

    private void backOff() {
        nextReplayNanos = System.nanoTime() + backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, TimeUnit.MILLISECONDS.toNanos(MAX_BACKOFF_MILLIS));
    }

    /** What one replay of the spool did, for its log line. */
    private static final class ReplayTally {
        private long batchesApplied;
        private long batchesSkipped;
        private long events;
        private long replaysDropped;

        void add(EventSpool.SpooledBatch batch, Optional<boolean[]> applied) {
            if (applied.isEmpty()) {
                batchesSkipped++;
                return;
            }
            batchesApplied++;
            events += batch.events().size();
            for (boolean s : applied.get()) {
                if (!s) {
                    replaysDropped++;
                }
            }
        }

        void clear() {
            batchesApplied = 0;
            batchesSkipped = 0;
            events = 0;
            replaysDropped = 0;
        }

        @Override
        public String toString() {
            return batchesApplied + " batches (" + events + " events" + (replaysDropped == 0 ? "" : ", " + replaysDropped
                    + " of them dropped as replays of an acknowledgement or grant already stored") + ")"
                    + (batchesSkipped == 0 ? "" : "; " + batchesSkipped + " batches were in the store already (applied before a crash"
                    + " or a lost answer), not applied again");
        }
    }

    private static List<Event> events(List<Pending> batch) {
        List<Event> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            events.add(p.event());
        }
        return events;
    }

    /** Stops taking new events, commits every one already queued, and waits for the writer to finish. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Like {@link #close}, waiting at most {@code within} for the queued events; returns whether all were committed. */
    @Override
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
