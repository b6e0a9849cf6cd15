package vn.bluezone.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketCountsTest {
    @Test
    void eachValueCountsInTheFirstBucketWhoseBoundItDoesNotExceed() {
        BucketCounts counts = new BucketCounts(10, 100, 1000);
        for (long v : new long[] {0, 10, 11, 100, 999, 1000, 1001, 50_000}) {
            counts.record(v);
        }
        BucketCounts.Snapshot s = counts.snapshot();
        // le=10: 0, 10; le=100: + 11, 100; le=1000: + 999, 1000; +Inf: + 1001, 50000
        assertThat(s.cumulative()).containsExactly(2, 4, 6, 8);
        assertThat(s.count()).isEqualTo(8);
        assertThat(s.sum()).isEqualTo(0 + 10 + 11 + 100 + 999 + 1000 + 1001 + 50_000);
    }

    @Test
    void nothingRecordedIsAllZeros() {
        BucketCounts.Snapshot s = new BucketCounts(1, 2).snapshot();
        assertThat(s.cumulative()).containsExactly(0, 0, 0);
        assertThat(s.sum()).isZero();
    }

    @Test
    void boundsMustAscend() {
        assertThatThrownBy(() -> new BucketCounts(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BucketCounts(5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
