package vn.bluezone.portal.ops;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many recorded values fell at or below each of some fixed bounds, and their sum: what a Prometheus
 * histogram shows, kept with plain adders so that recording costs a few additions (no allocation, no lock).
 * Thread-safe; a snapshot taken while values are recorded may be off by the values in flight.
 */
public final class BucketCounts {
    private final long[] upperBounds;
    private final LongAdder[] counts;
    private final LongAdder sum = new LongAdder();

    /** @param upperBounds strictly ascending bounds, in the unit values are recorded in; a last +Inf bucket is added */
    public BucketCounts(long... upperBounds) {
        for (int i = 1; i < upperBounds.length; i++) {
            if (upperBounds[i] <= upperBounds[i - 1]) {
                throw new IllegalArgumentException("bounds must ascend: " + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.counts = new LongAdder[upperBounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void record(long value) {
        int i = 0;
        while (i < upperBounds.length && value > upperBounds[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(value);
    }

    /** The bounds, ascending, without the +Inf bucket. */
    public long[] upperBounds() {
        return upperBounds.clone();
    }

    /**
     * @param cumulative for each bound, then +Inf: how many values were at or below it (Prometheus' {@code le})
     * @param sum the sum of all values recorded
     */
    public record Snapshot(long[] cumulative, long sum) {
        public long count() {
            return cumulative[cumulative.length - 1];
        }
    }

    public Snapshot snapshot() {
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sum.sum());
    }
}
