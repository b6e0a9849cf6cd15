package vn.bluezone.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScheduledJobTest {

    @Test
    void aRunThatFailsDoesNotStopTheRunsAfterIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        try (ScheduledJob job = ScheduledJob.start("test-job", Duration.ofMillis(1), Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            third.countDown();
            throw new IllegalStateException("store gone");
        })) {
            assertThat(third.await(5, TimeUnit.SECONDS)).as("runs after a failed one").isTrue();
        }
        int afterClose = runs.get();
        Thread.sleep(50);
        assertThat(runs.get()).as("no run after close").isEqualTo(afterClose);
    }
}
