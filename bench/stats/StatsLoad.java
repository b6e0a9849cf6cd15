import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.store.SqlSessionRollup;
import vn.bluezone.portal.store.SqlStatsStore;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.Dialect;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteEventStore;

import vn.bluezone.portal.store.sqlite.WalCheckpointer;

/**
 * Statistics data generator and dashboard-query timer for bench/stats-dashboard.sh. Compiled against the
 * portal's jar; events go through the real SqliteEventStore.append (group-commit batches, roll-ups, unique
 * devices, RADIUS sessions exactly as in production), with the WAL checkpointer the portal runs.
 *
 * <pre>
 * java -cp bluezone-portal.jar:. StatsLoad fill --db FILE --events N [--venues 200] [--days 180] [--end 2026-11-29]
 *      [--batch 1000] [--seed 1] [--bulk no|yes]
 * java -cp bluezone-portal.jar:. StatsLoad query --db FILE [--venue venue-001 | --venue all] [--days 90]
 *      [--end 2026-11-29] [--runs 9]
 * </pre>
 *
 * The model: venue k of V gets a share 1/k of the visits (a few busy bus stations and malls, many small
 * shops); visits per local hour follow a day curve (night low, peaks at 8-9, 12 and 18-19) with 15 % more on
 * weekends; 35 % of visits are by a venue's regulars, who pass as {@code returning} within 24 h of their last
 * acknowledgement; a notice shown is acknowledged 70 % of the time and 10 % of acknowledgements are followed by
 * a store click; platforms 62 % Android, 33 % iOS, 5 % other; languages vi 80 %, en 10 %, zh, ko 3 % each, fr 2 %,
 * th, lo 1 % each. Every third venue (venue-001, -004, ...) logs visitors in through RADIUS: each acknowledgement or returning pass
 * starts a session (Start, then Stop) whose length is log-normal with a median of 20 minutes, at most 2 hours.
 *
 * <p>{@code --bulk yes} fills through the same store code on connections with a 4 GB page cache and
 * {@code synchronous=OFF}: the events, roll-ups and indexes are the same, only a power cut could lose them. With
 * the portal's own settings a fill slows to about 4 000 events/s past 10 M (each batch rewrites pages of
 * B-trees keyed at random, such as the devices' acknowledgements), which would make a 50 M store take hours.
 */
public final class StatsLoad {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final double[] HOURS = {0.3, 0.2, 0.15, 0.1, 0.15, 0.5, 1.2, 2.2, 2.6, 2.0, 1.8, 2.2, 2.5, 2.0, 1.6, 1.6, 1.9, 2.6,
        2.9, 2.5, 1.9, 1.3, 0.8, 0.5};
    private static final String[] LANGUAGES = {"vi", "en", "zh", "ko", "fr", "th", "lo"};
    private static final double[] LANGUAGE_SHARE = {0.80, 0.10, 0.03, 0.03, 0.02, 0.01, 0.01};
    /** Impressions per visit, as measured with this model (shown 1 + 0.7 + 0.07, returning 1). */
    private static final double IMPRESSIONS_PER_VISIT = 1.74;
    private static final long DAY_MS = 86_400_000L;

    private final Map<String, String> options;
    private final SplittableRandom random;

    private StatsLoad(Map<String, String> options) {
        this.options = options;
        this.random = new SplittableRandom(Long.parseLong(options.getOrDefault("seed", "1")));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 == 0) {
            usage();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage();
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        StatsLoad load = new StatsLoad(options);
        switch (args[0]) {
            case "fill" -> load.fill();
            case "query" -> load.query();
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: StatsLoad fill --db FILE --events N [--venues 200] [--days 180] [--end YYYY-MM-DD] [--batch 1000] [--seed 1] [--bulk no|yes]\n"
                + "       StatsLoad query --db FILE [--venue CODE|all] [--days 90] [--end YYYY-MM-DD] [--runs 9]");
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

    private static String venue(int k) {
        return String.format(Locale.ROOT, "venue-%03d", k);
    }

    /** A venue's regular visitors: device key, platform, language, last acknowledgement. */
    private static final class Regulars {
        final String[] keys;
        final Platform[] platforms;
        final String[] languages;
        final long[] acknowledgedMs;

        Regulars(int n, StatsLoad g) {
            keys = new String[n];
            platforms = new Platform[n];
            languages = new String[n];
            acknowledgedMs = new long[n];
            Arrays.fill(acknowledgedMs, Long.MIN_VALUE / 2);
            for (int i = 0; i < n; i++) {
                keys[i] = g.deviceKey();
                platforms[i] = g.platform();
                languages[i] = g.language();
            }
        }
    }

    private String deviceKey() {
        return String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
    }

    private Platform platform() {
        double p = random.nextDouble();
        return p < 0.62 ? Platform.ANDROID : p < 0.95 ? Platform.IOS : Platform.OTHER;
    }

    private String language() {
        double p = random.nextDouble();
        for (int i = 0; i < LANGUAGES.length; i++) {
            p -= LANGUAGE_SHARE[i];
            if (p < 0) {
                return LANGUAGES[i];
            }
        }
        return "vi";
    }

    private int poisson(double mean) {
        if (mean > 30) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int n = 0;
        while (p > limit) {
            p *= random.nextDouble();
            n++;
        }
        return n;
    }

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private void fill() throws Exception {
        Path file = Path.of(option("db", null));
        long target = Long.parseLong(option("events", null));
        int venues = Integer.parseInt(option("venues", "200"));
        int days = Integer.parseInt(option("days", "180"));
        LocalDate end = LocalDate.parse(option("end", "2026-11-29"));
        int batchSize = Integer.parseInt(option("batch", "1000"));
        LocalDate start = end.minusDays(days - 1);

        double harmonic = 0;
        for (int k = 1; k <= venues; k++) {
            harmonic += 1.0 / k;
        }
        double hourSum = Arrays.stream(HOURS).sum();
        double visitsPerDay = target / IMPRESSIONS_PER_VISIT / days / 1.04; // weekends add ~4 % on average
        double[] dailyMean = new double[venues + 1];
        Regulars[] regulars = new Regulars[venues + 1];
        for (int k = 1; k <= venues; k++) {
            dailyMean[k] = visitsPerDay / harmonic / k;
            regulars[k] = new Regulars(Math.max(20, (int) (dailyMean[k] * 1.5)), this);
        }

        boolean bulk = option("bulk", "no").equals("yes");
        Database db = bulk ? bulkLoading(SqliteDatabase.open(file)) : SqliteDatabase.open(file);
        WalCheckpointer checkpointer = new WalCheckpointer(db, Duration.ofSeconds(1));
        SqliteEventStore store = new SqliteEventStore(db);
        Connection restart = db.connect();
        long impressions = 0;
        long sessions = 0;
        long nonce = 0;
        long began = System.nanoTime();
        long lastReport = began;
        System.out.printf(Locale.ROOT, "filling %s: ~%,d impressions, %d venues, %d days %s..%s, batches of %d%s%n", file, target, venues, days,
                start, end, batchSize, bulk ? ", bulk loading (4 GB page cache, synchronous=OFF)" : "");
        List<Event> hour = new ArrayList<>();
        List<Event> pending = new ArrayList<>();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            double weekend = day.getDayOfWeek().getValue() >= 6 ? 1.15 : 1.0;
            for (int h = 0; h < 24; h++) {
                long hourStartMs = day.atTime(h, 0).atZone(ZONE).toInstant().toEpochMilli();
                for (int k = 1; k <= venues; k++) {
                    String venue = venue(k);
                    Regulars r = regulars[k];
                    boolean radius = k % 3 == 1;
                    int visits = poisson(dailyMean[k] * HOURS[h] / hourSum * weekend);
                    for (int v = 0; v < visits; v++) {
                        long at = hourStartMs + random.nextLong(3_600_000L);
                        int regular = random.nextDouble() < 0.35 ? random.nextInt(r.keys.length) : -1;
                        String device = regular >= 0 ? r.keys[regular] : deviceKey();
                        Platform platform = regular >= 0 ? r.platforms[regular] : platform();
                        String language = regular >= 0 ? r.languages[regular] : language();
                        if (regular >= 0 && at - r.acknowledgedMs[regular] < DAY_MS) {
                            hour.add(impression(at, venue, device, ImpressionKind.RETURNING, platform, language, null));
                            impressions++;
                            if (radius) {
                                sessions += session(hour, at, venue, device, ++nonce);
                            }
                            continue;
                        }
                        hour.add(impression(at, venue, device, ImpressionKind.SHOWN, platform, language, null));
                        impressions++;
                        if (random.nextDouble() < 0.70) {
                            long ack = at + 5_000 + random.nextLong(55_000);
                            hour.add(impression(ack, venue, device, ImpressionKind.ACKNOWLEDGED, platform, language, "n" + ++nonce));
                            impressions++;
                            if (regular >= 0) {
                                r.acknowledgedMs[regular] = ack;
                            }
                            if (random.nextDouble() < 0.10) {
                                hour.add(impression(ack + 10_000 + random.nextLong(110_000), venue, device, ImpressionKind.STORE_CLICK,
                                        platform, language, null));
                                impressions++;
                            }
                            if (radius) {
                                sessions += session(hour, ack, venue, device, nonce);
                            }
                        }
                    }
                }
                // in time order, as the writer appends them, in batches of up to batchSize across hours
                hour.sort(Comparator.comparing(StatsLoad::at));
                pending.addAll(hour);
                hour.clear();
                int from = 0;
                for (; pending.size() - from >= batchSize; from += batchSize) {
                    store.append(pending.subList(from, from + batchSize));
                }
                pending.subList(0, from).clear();
            }
            // A writer that never pauses keeps passive checkpoints from ever finishing, and SQLite reuses the WAL
            // file only after one has: without this the WAL of a 10 M fill grew to 61 GB. The writer is idle here.
            try (var st = restart.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(RESTART)");
            }
            long now = System.nanoTime();
            if (now - lastReport > 10_000_000_000L || day.equals(end)) {
                lastReport = now;
                double secs = (now - began) / 1e9;
                System.out.printf(Locale.ROOT, "  %s  day %3d/%d  %,12d impressions  %,10d sessions  %,8.0f impressions/s  %5.0f s%n", day,
                        day.toEpochDay() - start.toEpochDay() + 1, days, impressions, sessions, impressions / secs, secs);
            }
        }
        if (!pending.isEmpty()) {
            store.append(pending);
        }
        Map<String, ZoneId> zones = new HashMap<>();
        for (int k = 1; k <= venues; k++) {
            zones.put(venue(k), ZONE);
        }
        rollUpSessions(db, end, zones);
        store.close();
        restart.close();
        checkpointer.close();
        double secs = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "filled: %d impressions, %d sessions in %.0f s (%.0f impressions/s); database %,d bytes%n", impressions, sessions,
                secs, impressions / secs, Files.size(file));
    }

    /** The same database on connections tuned for loading: a large page cache, no fsync. */
    private static Database bulkLoading(SqliteDatabase db) {
        return new Database() {
            @Override
            public Connection connect() throws SQLException {
                Connection c = db.connect();
                try (var st = c.createStatement()) {
                    st.execute("PRAGMA cache_size=-4000000");
                    st.execute("PRAGMA synchronous=OFF");
                }
                return c;
            }

            @Override
            public Dialect dialect() {
                return db.dialect();
            }

            @Override
            public String describe() {
                return db.describe() + " (bulk loading)";
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }

    /** What the portal's hourly session roll-up job has done by the day after {@code end}. */
    private static void rollUpSessions(Database db, LocalDate end, Map<String, ZoneId> zones) {
        long t = System.nanoTime();
        int days = new SqlSessionRollup(db, InstantSource.fixed(end.plusDays(1).atTime(12, 0).atZone(ZONE).toInstant()), () -> zones).rollUp();
        System.out.printf(Locale.ROOT, "session roll-up: %d venue-days in %.1f s%n", days, (System.nanoTime() - t) / 1e9);
    }

    private static Instant at(Event e) {
        return e instanceof Impression i ? i.at() : ((AccountingRecord) e).at();
    }

    private static Impression impression(long atMs, String venue, String device, ImpressionKind kind, Platform platform, String language,
            String visitNonce) {
        Instant at = Instant.ofEpochMilli(atMs);
        return new Impression(at, LocalDateTime.ofInstant(at, ZONE), venue, "gw-" + venue, device, kind, platform, language, "bluezone",
                visitNonce);
    }

    /** Start and Stop of one session; returns 1. */
    private int session(List<Event> to, long atMs, String venue, String device, long id) {
        long seconds = Math.min(7200, Math.max(30, Math.round(Math.exp(Math.log(1200) + 0.9 * gaussian()))));
        long start = atMs + 5_000;
        String sessionId = Long.toHexString(id);
        to.add(new AccountingRecord(Instant.ofEpochMilli(start), AccountingRecord.Status.START, "nas-" + venue, "10.0.0.1", venue, sessionId,
                device, 0, 0, 0, ""));
        to.add(new AccountingRecord(Instant.ofEpochMilli(start + seconds * 1000), AccountingRecord.Status.STOP, "nas-" + venue, "10.0.0.1",
                venue, sessionId, device, seconds, seconds * 20_000, seconds * 200_000, "User-Request"));
        return 1;
    }

    private void query() throws Exception {
        Path file = Path.of(option("db", null));
        String venue = option("venue", venue(1));
        int days = Integer.parseInt(option("days", "90"));
        LocalDate end = LocalDate.parse(option("end", "2026-11-29"));
        int runs = Integer.parseInt(option("runs", "9"));
        SqliteDatabase db = SqliteDatabase.open(file);
        Map<String, ZoneId> all = new HashMap<>();
        try (Connection c = db.connect(); var rs = c.createStatement().executeQuery("SELECT DISTINCT venue FROM device_day_count")) {
            while (rs.next()) {
                all.put(rs.getString(1), ZONE);
            }
        }
        rollUpSessions(db, end, all); // a store filled by an older version has not been rolled up yet
        Map<String, ZoneId> venues = venue.equals("all") ? all : Map.of(venue, ZONE);
        SqlStatsStore stats = new SqlStatsStore(db);
        StatsQuery query = new StatsQuery(venues, end.minusDays(days - 1), end);
        long t0 = System.nanoTime();
        StatsSummary first = stats.summary(query);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < 3; i++) {
            stats.summary(query);
        }
        // wall time, and this thread's CPU time (SQLite runs in the calling thread): on a shared machine the
        // second shows the work done even while other processes take the core
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[runs];
        double[] cpuMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            stats.summary(query);
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        long devices = first.uniqueDevicesByDay().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "query %s, %d venue(s), %d days %s..%s: shown %,d, acknowledged %,d, device-days %,d, sessions %,d, "
                + "median dwell %s%n", venue, venues.size(), days, query.from(), query.to(), first.totals().shown(), first.totals().acknowledged(),
                devices, first.sessions().count(), first.sessions().medianDwell().map(Duration::toString).orElse("-"));
        System.out.printf(Locale.ROOT, "  first call (cold JVM) %.1f ms; then median of %d: %.1f ms (min %.1f, max %.1f), CPU %.1f ms%n", coldMs,
                runs, ms[runs / 2], ms[0], ms[runs - 1], cpuMs[runs / 2]);
    }
}
