import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import vn.bluezone.portal.config.PostgresSettings;
import vn.bluezone.portal.config.StoreSettings;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.PartitionedWriter;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.store.Stores;

/**
 * Ingest load for bench/pg-ingest.sh: events through the portal's real group-commit {@link EventWriter} into the
 * PostgreSQL store ({@link Stores} of kind postgres: HikariCP, Flyway, synchronous_commit on), as the portal's request
 * threads hand them over. Compiled against the portal's jar.
 *
 * <pre>
 * java -cp bluezone-portal.jar:. IngestLoad --url JDBC_URL --user NAME --password PASSWORD
 *      [--seconds 120] [--warmup 20] [--producers 8] [--outstanding 4096] [--venues 200] [--devices 200000]
 *      [--max-batch 1000] [--writers 1] [--seed 1] [--server-pid PID]
 * </pre>
 *
 * Producers play the request threads: each keeps up to outstanding/producers events waiting for their commit (a
 * visitor's page is sent only then), so the writer always has a full queue and the figure is what it sustains, not
 * what the generator offers. The mix of a visit (as bench/stats/StatsLoad.java): 35 % are a venue's regulars passing as
 * {@code returning}; otherwise {@code shown}, acknowledged 70 % of the time (with its visit nonce: stored once, and the
 * device's last acknowledgement), a store click after 10 % of acknowledgements; venue k of V gets a share 1/k; Android
 * 62 %, iOS 33 %; vi 80 %, en 10 %, others. Every second a line; at the end the events per second over the measured
 * window (after the warm-up), its 5-second intervals, the writer's batches, and a check that every event whose
 * commit was reported is in the database. With {@code --server-pid} (the postmaster's), also the CPU time the server's
 * processes and this JVM (writer and generator) spent per event over the window, read from /proc: on a machine shared
 * with other work, what the events cost is then known even when the rate is not what the cores could do.
 */
public final class IngestLoad {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String[] LANGUAGES = {"vi", "vi", "vi", "vi", "vi", "vi", "vi", "vi", "en", "zh"};

    private final Map<String, String> options;

    private IngestLoad(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage();
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            usage();
        }
        new IngestLoad(options).run();
    }

    private static void usage() {
        System.err.println("usage: IngestLoad --url JDBC_URL --user NAME --password PASSWORD [--seconds 120] [--warmup 20] [--producers 8]\n"
                + "       [--outstanding 4096] [--venues 200] [--devices 200000] [--max-batch 1000] [--writers 1] [--seed 1]");
        System.exit(2);
    }

    private String option(String name, String fallback) {
        String v = options.getOrDefault(name, fallback);
        if (v == null) {
            System.err.println("--" + name + " is required");
            System.exit(2);
        }
        return v;
    }

    private int number(String name, String fallback) {
        return Integer.parseInt(option(name, fallback));
    }

    /** One producer's source of events: whole visits, in order. */
    private static final class Visits {
        private final SplittableRandom random;
        private final int venues;
        private final double harmonic;
        private final String[] devices;
        private final String prefix;
        private final List<Event> pending = new ArrayList<>();
        private final String[] venueNames;
        private final String[] gatewayNames;
        private long nonce;
        private int next;

        Visits(long seed, int venues, String[] devices, String prefix) {
            this.random = new SplittableRandom(seed);
            this.venues = venues;
            this.devices = devices;
            this.prefix = prefix;
            double h = 0;
            for (int k = 1; k <= venues; k++) {
                h += 1.0 / k;
            }
            this.harmonic = h;
            this.venueNames = new String[venues + 1];
            this.gatewayNames = new String[venues + 1];
            for (int k = 1; k <= venues; k++) {
                venueNames[k] = String.format(Locale.ROOT, "venue-%03d", k);
                gatewayNames[k] = "gw-" + venueNames[k];
            }
        }

        private int venue() {
            double p = random.nextDouble() * harmonic;
            for (int k = 1; k <= venues; k++) {
                p -= 1.0 / k;
                if (p < 0) {
                    return k;
                }
            }
            return venues;
        }

        Event next() {
            if (next == pending.size()) {
                pending.clear();
                next = 0;
                visit();
            }
            return pending.get(next++);
        }

        private void visit() {
            Instant now = Instant.now();
            LocalDateTime local = LocalDateTime.ofInstant(now, ZONE);
            int k = venue();
            String venue = venueNames[k];
            String gateway = gatewayNames[k];
            String device = devices[random.nextInt(devices.length)];
            double p = random.nextDouble();
            Platform platform = p < 0.62 ? Platform.ANDROID : p < 0.95 ? Platform.IOS : Platform.OTHER;
            String language = LANGUAGES[random.nextInt(LANGUAGES.length)];
            if (random.nextDouble() < 0.35) {
                pending.add(impression(now, local, venue, gateway, device, ImpressionKind.RETURNING, platform, language, null));
                return;
            }
            pending.add(impression(now, local, venue, gateway, device, ImpressionKind.SHOWN, platform, language, null));
            if (random.nextDouble() < 0.70) {
                pending.add(impression(now, local, venue, gateway, device, ImpressionKind.ACKNOWLEDGED, platform, language, prefix + ++nonce));
                if (random.nextDouble() < 0.10) {
                    pending.add(impression(now, local, venue, gateway, device, ImpressionKind.STORE_CLICK, platform, language, null));
                }
            }
        }

        private static Impression impression(Instant at, LocalDateTime local, String venue, String gateway, String device,
                ImpressionKind kind, Platform platform, String language, String nonce) {
            return new Impression(at, local, venue, gateway, device, kind, platform, language, "bluezone", nonce);
        }
    }

    /** CPU seconds of the portal's writer threads ("event-writer"), those that talk to PostgreSQL. */
    private static double writerCpuSeconds() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double seconds = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().equals("event-writer")) {
                seconds += threads.getThreadCpuTime(t.getThreadId()) / 1e9;
            }
        }
        return seconds;
    }

    private static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** CPU seconds (user and system) of a process and its children, from /proc; 0 without a pid. */
    private static double serverCpuSeconds(long pid) throws java.io.IOException {
        if (pid <= 0) {
            return 0;
        }
        long ticks = ticks(pid, true);
        Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
        for (String child : java.nio.file.Files.readString(children).trim().split("\\s+")) {
            if (!child.isEmpty()) {
                ticks += ticks(Long.parseLong(child), false);
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    /** utime + stime, and with {@code ended} also the children that ended (autovacuum workers, say). */
    private static long ticks(long pid, boolean ended) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + (ended ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0);
        } catch (java.io.IOException | RuntimeException gone) {
            return 0; // a process that ended meanwhile
        }
    }

    private void run() throws Exception {
        int writers = number("writers", "1");
        PostgresSettings postgres = new PostgresSettings(option("url", null), option("user", ""), option("password", ""), writers + 3,
                writers);
        int seconds = number("seconds", "120");
        int warmup = number("warmup", "20");
        int producers = number("producers", "8");
        int outstanding = number("outstanding", "4096");
        int venues = number("venues", "200");
        int deviceCount = number("devices", "200000");
        int maxBatch = number("max-batch", "1000");
        long seed = Long.parseLong(option("seed", "1"));

        SplittableRandom random = new SplittableRandom(seed);
        String[] devices = new String[deviceCount];
        for (int i = 0; i < deviceCount; i++) {
            devices[i] = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
        }
        StoreSettings settings = new StoreSettings(StoreSettings.Kind.POSTGRES, Path.of("unused.db"), Optional.of(postgres), maxBatch, 50_000,
                Duration.ofSeconds(5), Duration.ofDays(90));
        System.out.printf(Locale.ROOT, "ingest into %s: %d s measured after %d s warm-up, %d producers, %d events outstanding, "
                + "%d venues, %,d devices, batches of up to %d%n", postgres.url(), seconds, warmup, producers, outstanding, venues, deviceCount,
                maxBatch);
        try (Stores stores = Stores.open(settings, Path.of("."), InstantSource.system())) {
            List<EventWriter> each = new ArrayList<>();
            for (EventStore store : stores.writerStores(writers)) {
                each.add(new EventWriter(store, maxBatch, 50_000, Duration.ofSeconds(5)));
            }
            DurableWriter writer = each.size() == 1 ? each.get(0) : new PartitionedWriter(each);
            AtomicLong committed = new AtomicLong();
            AtomicLong replays = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < producers; t++) {
                Visits visits = new Visits(seed * 1000 + t, venues, devices, "s" + seed + "p" + t + "-");
                Semaphore inFlight = new Semaphore(Math.max(1, outstanding / producers));
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            inFlight.acquire();
                        } catch (InterruptedException e) {
                            return;
                        }
                        writer.record(visits.next()).whenComplete((outcome, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            } else if (outcome == EventWriter.Outcome.STORED) {
                                committed.incrementAndGet();
                            } else {
                                replays.incrementAndGet();
                            }
                            inFlight.release();
                        });
                    }
                }, "producer-" + t);
                thread.start();
                threads.add(thread);
            }
            long serverPid = Long.parseLong(option("server-pid", "0"));
            double[] cpuAtStart = new double[3];
            long committedAtStart = 0;
            long[] perSecond = new long[warmup + seconds];
            long last = 0;
            long began = System.nanoTime();
            for (int s = 0; s < warmup + seconds; s++) {
                long until = began + (s + 1) * 1_000_000_000L;
                Thread.sleep(Math.max(0, (until - System.nanoTime()) / 1_000_000));
                long now = committed.get();
                if (s == warmup - 1) {
                    cpuAtStart = new double[] {serverCpuSeconds(serverPid), jvmCpuSeconds(), writerCpuSeconds()};
                    committedAtStart = now;
                }
                perSecond[s] = now - last;
                last = now;
                System.out.printf(Locale.ROOT, "  %s %4d s  %,8d events/s  queued %,6d  batches %,8d  failed %d%n",
                        s < warmup ? "warm-up" : "measure", s + 1, perSecond[s], writer.queued(), writer.batchCount(), failed.get());
            }
            long batchesAtEnd = writer.batchCount();
            double serverCpu = serverCpuSeconds(serverPid) - cpuAtStart[0];
            double jvmCpu = jvmCpuSeconds() - cpuAtStart[1];
            double writerCpu = writerCpuSeconds() - cpuAtStart[2];
            long committedInWindow = last - committedAtStart;
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            writer.close();

            long measured = Arrays.stream(perSecond, warmup, warmup + seconds).sum();
            long[] intervals = new long[seconds / 5];
            for (int i = 0; i < intervals.length; i++) {
                intervals[i] = Arrays.stream(perSecond, warmup + i * 5, warmup + i * 5 + 5).sum() / 5;
            }
            long[] sorted = intervals.clone();
            Arrays.sort(sorted);
            long stored;
            try (Connection c = stores.database().connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM impression")) {
                rs.next();
                stored = rs.getLong(1);
            }
            System.out.printf(Locale.ROOT, "writers: %d side by side%n", writers);
            System.out.printf(Locale.ROOT, "result: %,.0f events/s sustained over %d s (5 s intervals: min %,d, median %,d, max %,d); "
                    + "%,d batches in all, %.0f events per batch on average%n", measured / (double) seconds, seconds,
                    sorted.length > 0 ? sorted[0] : 0, sorted.length > 0 ? sorted[sorted.length / 2] : 0,
                    sorted.length > 0 ? sorted[sorted.length - 1] : 0, batchesAtEnd, committed.get() / (double) Math.max(1, batchesAtEnd));
            if (serverPid > 0 && committedInWindow > 0) {
                double serverUs = serverCpu * 1e6 / committedInWindow;
                double jvmUs = jvmCpu * 1e6 / committedInWindow;
                System.out.printf(Locale.ROOT, "CPU per event over the window: PostgreSQL %.1f us, this JVM %.1f us (of which the writer "
                        + "threads %.1f us; the rest is mostly the generator); cores busy with them: %.2f of %d%n", serverUs, jvmUs,
                        writerCpu * 1e6 / committedInWindow, (serverCpu + jvmCpu) / seconds, Runtime.getRuntime().availableProcessors());
            }
            System.out.printf(Locale.ROOT, "durability: %,d events reported committed, %,d in the database (replays refused: %d, failed: %d)%n",
                    committed.get(), stored, replays.get(), failed.get());
            if (stored < committed.get() || failed.get() > 0) {
                System.out.println("CHECK FAILED: an event reported committed is missing, or a batch failed");
                System.exit(1);
            }
        }
    }
}
