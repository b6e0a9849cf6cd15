package vn.bluezone.portal.ops;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.GrantRedemption;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.PolledGrant;

/**
 * What the event writer stored and failed to store since start: impressions by kind, events by type, the
 * size and commit time of each batch, failures by cause. Fed by the writer as its {@link EventWriter.Observer};
 * read by {@link PortalMetrics}. Thread-safe.
 */
public final class WriterStats implements EventWriter.Observer {
    /** The types of events, as {@code /metrics} labels them. */
    public enum Type {
        IMPRESSION, GRANT, ACCOUNTING, POLLED_GRANT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final long[] COMMIT_BOUNDS_NANOS = {
        TimeUnit.MICROSECONDS.toNanos(500), TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(2),
        TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(25),
        TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(250),
        TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(5)};

    private final Map<ImpressionKind, LongAdder> impressions = new EnumMap<>(ImpressionKind.class);
    private final Map<Type, LongAdder> stored = new EnumMap<>(Type.class);
    private final Map<EventWriter.Failure, LongAdder> failed = new EnumMap<>(EventWriter.Failure.class);
    private final BucketCounts batchSizes;
    private final BucketCounts commitTimes = new BucketCounts(COMMIT_BOUNDS_NANOS);

    /** @param maxBatch the writer's largest batch: the batch-size buckets are the powers of two up to it */
    public WriterStats(int maxBatch) {
        for (ImpressionKind k : ImpressionKind.values()) {
            impressions.put(k, new LongAdder());
        }
        for (Type t : Type.values()) {
            stored.put(t, new LongAdder());
        }
        for (EventWriter.Failure f : EventWriter.Failure.values()) {
            failed.put(f, new LongAdder());
        }
        this.batchSizes = new BucketCounts(powersOfTwoUpTo(maxBatch));
    }

    @Override
    public void committed(List<Event> events, boolean[] newlyStored, long commitNanos) {
        batchSizes.record(events.size());
        commitTimes.record(commitNanos);
        for (int i = 0; i < events.size(); i++) {
            if (!newlyStored[i]) {
                continue;
            }
            Event e = events.get(i);
            if (e instanceof Impression impression) {
                impressions.get(impression.kind()).increment();
            }
            stored.get(typeOf(e)).increment();
        }
    }

    @Override
    public void failed(EventWriter.Failure failure, int events) {
        failed.get(failure).add(events);
    }

    private static Type typeOf(Event e) {
        if (e instanceof Impression) {
            return Type.IMPRESSION;
        } else if (e instanceof GrantRedemption) {
            return Type.GRANT;
        } else if (e instanceof AccountingRecord) {
            return Type.ACCOUNTING;
        } else if (e instanceof PolledGrant) {
            return Type.POLLED_GRANT;
        }
        throw new IllegalArgumentException("unknown event " + e.getClass());
    }

    public long impressions(ImpressionKind kind) {
        return impressions.get(kind).sum();
    }

    public long stored(Type type) {
        return stored.get(type).sum();
    }

    public long failed(EventWriter.Failure failure) {
        return failed.get(failure).sum();
    }

    public BucketCounts batchSizes() {
        return batchSizes;
    }

    public BucketCounts commitTimes() {
        return commitTimes;
    }

    private static long[] powersOfTwoUpTo(int max) {
        return LongStream.concat(
                LongStream.iterate(1, b -> b < max, b -> b * 2), LongStream.of(Math.max(1, max))).toArray();
    }
}
