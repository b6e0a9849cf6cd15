package vn.bluezone.portal.events;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where events go to become durable before their answer is sent: one {@link EventWriter}, or several side by side
 * ({@link PartitionedWriter}) when the store can take batches in parallel.
 */
public interface DurableWriter extends AutoCloseable {

    /** Queues an event; the future completes when it is durable, or fails if it could not be stored. */
    CompletableFuture<EventWriter.Outcome> record(Event event);

    /** Where writes go now and what is left to replay. */
    EventWriter.Status status();

    /** Bytes still to be replayed from spool files. */
    long spoolBytes();

    boolean isRunning();

    /** Events stored in the store, directly or replayed from a spool. */
    long storedCount();

    /** Events kept in a spool file because the store could not take them. */
    long spooledCount();

    long batchCount();

    /** Batches whose callers were asked to retry. */
    long failedBatchCount();

    int queued();

    /** How long the oldest event still queued has waited. */
    Duration lag();

    /** Stops taking new events and commits those queued, waiting at most {@code within}; whether all were committed. */
    boolean stop(Duration within);

    @Override
    void close();
}
