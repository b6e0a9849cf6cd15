package vn.bluezone.portal.ops;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP requests answered since start, by route group and status class, and their latency by route group.
 * Plain adders, read by {@link PortalMetrics} when {@code /metrics} is scraped: recording a request costs a
 * few additions. Thread-safe.
 */
public final class HttpRequestStats {
    /** Groups of routes, so that the number of time series stays small whatever paths clients ask for. */
    public enum Route {
        /** a gateway's redirect to the notice (and the demo venue's {@code /}) */
        ARRIVAL,
        /** openNDS authmon polling (levels 3 and 4) */
        AUTHMON,
        /** the notice in another language, the waiting page, the welcome page, on to the first URL */
        NOTICE,
        /** Continue: the acknowledgement and the gateway's login step */
        ACKNOWLEDGE,
        /** the counted redirects to the app stores */
        STORE_CLICK,
        /** phones' connectivity probes and the RFC 8908 Captive Portal API */
        PROBE,
        /** {@code /api/} */
        API,
        /** sign-in, dashboard, report, admin pages */
        STAFF,
        HEALTH,
        METRICS,
        /** anything else (answered 404) */
        OTHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Latency bounds: 1 ms to 10 s, closer together where the notice's answers fall. */
    static final long[] LATENCY_BOUNDS_NANOS = nanos(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    private static final String[] STATUS_CLASSES = {"2xx", "3xx", "4xx", "5xx"};

    private final LongAdder[][] requests = new LongAdder[Route.values().length][STATUS_CLASSES.length];
    private final BucketCounts[] latency = new BucketCounts[Route.values().length];
    private final LongAdder inFlight = new LongAdder();

    public HttpRequestStats() {
        for (Route r : Route.values()) {
            for (int s = 0; s < STATUS_CLASSES.length; s++) {
                requests[r.ordinal()][s] = new LongAdder();
            }
            latency[r.ordinal()] = new BucketCounts(LATENCY_BOUNDS_NANOS);
        }
    }

    /** A request arrived; {@link #record} ends it. */
    public void started() {
        inFlight.increment();
    }

    /** Requests that arrived and are not answered yet (including those waiting for their event to be durable). */
    public long inFlight() {
        return inFlight.sum();
    }

    /**
     * One answered request: its route group, HTTP status and the nanoseconds from its arrival to its end.
     * The portal answers no request with 1xx; a status outside 200..599 would be counted with the nearest class.
     */
    public void record(Route route, int status, long nanos) {
        int statusClass = Math.min(Math.max(status / 100, 2), 5) - 2;
        inFlight.decrement();
        requests[route.ordinal()][statusClass].increment();
        latency[route.ordinal()].record(nanos);
    }

    public long requests(Route route, String statusClass) {
        for (int s = 0; s < STATUS_CLASSES.length; s++) {
            if (STATUS_CLASSES[s].equals(statusClass)) {
                return requests[route.ordinal()][s].sum();
            }
        }
        throw new IllegalArgumentException("no status class " + statusClass);
    }

    public static String[] statusClasses() {
        return STATUS_CLASSES.clone();
    }

    public BucketCounts latency(Route route) {
        return latency[route.ordinal()];
    }

    private static long[] nanos(double... seconds) {
        long[] out = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = (long) (seconds[i] * TimeUnit.SECONDS.toNanos(1));
        }
        return out;
    }
}
