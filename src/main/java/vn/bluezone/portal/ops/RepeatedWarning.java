package vn.bluezone.portal.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * A warning that every request would log while the same thing is wrong (the database is down, say): the first is
 * logged, and then at most one per quiet period, saying how many were held back since the last. A long outage at a busy
 * venue would otherwise write a line per visitor and fill the disk the spool file needs.
 */
public final class RepeatedWarning {
    private final Logger log;
    private final Duration quiet;
    private final InstantSource clock;
    private Instant quietUntil = Instant.MIN;
    private long heldBack;

    public RepeatedWarning(Logger log, Duration quiet, InstantSource clock) {
        if (quiet.isNegative() || quiet.isZero()) {
            throw new IllegalArgumentException("a quiet period must be positive: " + quiet);
        }
        this.log = log;
        this.quiet = quiet;
        this.clock = clock;
    }

    /** One line a minute at most. */
    public static RepeatedWarning perMinute(Logger log, InstantSource clock) {
        return new RepeatedWarning(log, Duration.ofMinutes(1), clock);
    }

    /** Logs {@code format} with {@code arguments} (SLF4J style), unless one was logged within the quiet period. */
    public void warn(String format, Object... arguments) {
        long held;
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(quietUntil)) {
                heldBack++;
                return;
            }
            quietUntil = now.plus(quiet);
            held = heldBack;
            heldBack = 0;
        }
        if (held == 0) {
            log.warn(format, arguments);
        } else {
            Object[] withCount = Arrays.copyOf(arguments, arguments.length + 1);
            withCount[arguments.length] = held;
            log.warn(format + " ({} more like this since the last such line, not logged)", withCount);
        }
    }
}
