package vn.bluezone.portal.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.ImpressionKind;

/**
 * Everything {@code GET /metrics} shows, in the Prometheus text format, through Micrometer's Prometheus
 * registry. The parts of the portal that count on the hot path (HTTP requests, the event writer, the RADIUS
 * server) keep plain adders; this class only reads them when the registry is scraped, so counting costs the
 * visitor's request a few additions, not a Micrometer meter. Every name is listed in {@code deploy/monitoring/README.md}.
 *
 * <p>Something started after this class (the event spool, say) adds its figures through {@link #spoolBytes}
 * or {@link #gauge}.
 */
public final class PortalMetrics implements AutoCloseable {
    /** The event spool's size on disk (bytes); 0 until a spool reports through {@link #spoolBytes}. */
    public static final String SPOOL_BYTES = "bluezone_spool_bytes";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
    private final AtomicReference<LongSupplier> spool = new AtomicReference<>(() -> 0);

    /**
     * @param radius the RADIUS server's counters by {@code RadiusCounters.Counter.key()}, when it runs
     * @param health whether the node is ready (store reachable, writer running)
     */
    public PortalMetrics(HttpRequestStats http, WriterStats written, DurableWriter writer, int queueCapacity,
            Optional<Supplier<Map<String, Long>>> radius, Health health) {
        // two of Micrometer's processor meters break Prometheus naming rules (promtool check metrics); the rest say enough
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("system.cpu.count") || id.getName().equals("process.cpu.time")));
        http(http);
        writer(written, writer, queueCapacity);
        radius.ifPresent(this::radius);
        Gauge.builder("bluezone.ready", health, h -> h.check().ready() ? 1 : 0)
                .description("1 when the node can count impressions (store reachable, writer running), as /healthz says")
                .register(registry);
        Gauge.builder("bluezone.spool.bytes", spool, s -> s.get().getAsLong())
                .description("Bytes of events spooled to the local file while the database is unreachable")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private void http(HttpRequestStats http) {
        for (HttpRequestStats.Route route : HttpRequestStats.Route.values()) {
            for (String statusClass : HttpRequestStats.statusClasses()) {
                FunctionCounter.builder("bluezone.http.requests", http, h -> h.requests(route, statusClass))
                        .description("HTTP requests answered, by route group and status class")
                        .tags("route", route.label(), "status", statusClass)
                        .register(registry);
            }
        }
        Gauge.builder("bluezone.http.requests.in.flight", http, HttpRequestStats::inFlight)
                .description("HTTP requests arrived and not answered yet (this scrape included)")
                .register(registry);
        histogram("bluezone_http_request_duration_seconds", "Time from a request's arrival to the end of its answer, by route group",
                () -> {
                    HistogramSnapshot.Builder b = HistogramSnapshot.builder();
                    for (HttpRequestStats.Route route : HttpRequestStats.Route.values()) {
                        b.dataPoint(dataPoint(http.latency(route), 1e-9, Labels.of("route", route.label())));
                    }
                    return b;
                });
    }

    private void writer(WriterStats written, DurableWriter writer, int queueCapacity) {
        for (ImpressionKind kind : ImpressionKind.values()) {
            FunctionCounter.builder("bluezone.impressions", written, w -> w.impressions(kind))
                    .description("Impressions made durable, by kind")
                    .tags("kind", kind.code())
                    .register(registry);
        }
        for (WriterStats.Type type : WriterStats.Type.values()) {
            FunctionCounter.builder("bluezone.events.stored", written, w -> w.stored(type))
                    .description("Events made durable by the writer (replays not counted), by type")
                    .tags("type", type.label())
                    .register(registry);
        }
        for (EventWriter.Failure failure : EventWriter.Failure.values()) {
            FunctionCounter.builder("bluezone.events.failed", written, w -> w.failed(failure))
                    .description("Events not stored: the caller was refused or asked to retry, by cause")
                    .tags("reason", failure.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        FunctionCounter.builder("bluezone.writer.batches", writer, DurableWriter::batchCount)
                .description("Batches (transactions) the writer committed").register(registry);
        FunctionCounter.builder("bluezone.writer.failed.batches", writer, DurableWriter::failedBatchCount)
                .description("Batches the store failed").register(registry);
        Gauge.builder("bluezone.writer.queue.depth", writer, DurableWriter::queued)
                .description("Events waiting for the writer").register(registry);
        Gauge.builder("bluezone.writer.queue.capacity", () -> queueCapacity)
                .description("Events the writer's queue holds before it refuses more").register(registry);
        Gauge.builder("bluezone.writer.lag", writer, w -> w.lag().toNanos() / 1e9).baseUnit("seconds")
                .description("How long the oldest queued event has waited for the writer (0 when none waits)").register(registry);
        histogram("bluezone_writer_batch_size", "Events per committed batch", () -> HistogramSnapshot.builder()
                .dataPoint(dataPoint(written.batchSizes(), 1, Labels.EMPTY)));
        histogram("bluezone_writer_commit_duration_seconds", "Time to commit one batch durably (the transaction and its fsync)",
                () -> HistogramSnapshot.builder().dataPoint(dataPoint(written.commitTimes(), 1e-9, Labels.EMPTY)));
    }

    private void radius(Supplier<Map<String, Long>> counters) {
        for (String result : counters.get().keySet()) {
            FunctionCounter.builder("bluezone.radius.requests", counters, c -> c.get().getOrDefault(result, 0L))
                    .description("RADIUS packets received, by what became of them")
                    .tags("result", result)
                    .register(registry);
        }
    }

    /** Registers a Prometheus histogram read from plain counts at each scrape. */
    private void histogram(String name, String help, Supplier<HistogramSnapshot.Builder> snapshot) {
        registry.getPrometheusRegistry().register(new Collector() {
            @Override
            public MetricSnapshot collect() {
                return snapshot.get().name(name).help(help).build();
            }

            @Override
            public String getPrometheusName() {
                return name;
            }
        });
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot dataPoint(BucketCounts counts, double scale, Labels labels) {
        long[] bounds = counts.upperBounds();
        BucketCounts.Snapshot s = counts.snapshot();
        double[] upper = new double[bounds.length + 1];
        long[] perBucket = new long[bounds.length + 1];
        long previous = 0;
        for (int i = 0; i <= bounds.length; i++) {
            upper[i] = i < bounds.length ? bounds[i] * scale : Double.POSITIVE_INFINITY;
            perBucket[i] = s.cumulative()[i] - previous;
            previous = s.cumulative()[i];
        }
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, perBucket))
                .sum(s.sum() * scale)
                .labels(labels)
                .build();
    }

    /**
     * The event spool reports its size here ({@value #SPOOL_BYTES}); until then the gauge shows 0, so the
     * dashboard and the alert rules find it on every node.
     */
    public void spoolBytes(LongSupplier bytes) {
        spool.set(bytes);
    }

    /** Another gauge, read at each scrape; {@code name} in Micrometer's dotted form ({@code bluezone.x.y} is shown as {@code bluezone_x_y}). */
    public void gauge(String name, String description, LongSupplier value) {
        Gauge.builder(name, value, v -> v.getAsLong()).description(description).register(registry);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for tests and for meters a later part of the portal adds. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
        registry.close();
    }
}
