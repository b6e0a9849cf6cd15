import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for bench/portal-mix.sh: virtual visitors go through a pfSense-style hotspot the way phones do,
 * against one portal node, over HTTP and RADIUS at once. A new device arrives (the notice), sometimes switches
 * language, usually taps Continue (the acknowledgement; the portal hands the gateway a one-time grant token),
 * the gateway logs it in with that token over RADIUS (PAP), then sends accounting Start, Interim-Updates and
 * Stop; some visitors open a store link. A device that acknowledged earlier comes back and is let in by RADIUS
 * MAC authentication, with its own accounting. Every RADIUS reply's authenticator is verified.
 *
 * <pre>
 * javac -d gen bench/mix/PortalMix.java bench/radius/RadiusPackets.java
 * java -cp gen PortalMix --base http://127.0.0.1:8080 --gateway bench-pf --auth-port 1812 --acct-port 1813 --secret S
 *   options: --visitors 32 --duration 60 --warmup 10 --progress 5 --timeout 5 --returning 0.3 --json
 * </pre>
 * Prints a progress line every few seconds, then per kind of request: count, rate, errors, p50, p99, max.
 * Exit 0 done with under 1 % errors; 1 more errors; 2 usage.
 */
public final class PortalMix {
    enum Kind {
        ARRIVAL("arrival (notice)"), NOTICE("notice, other language"), ACKNOWLEDGE("acknowledge (Continue)"), STORE_CLICK("store click"),
        GRANT_AUTH("RADIUS grant token"), MAC_AUTH("RADIUS MAC auth"), ACCT_START("acct Start"), ACCT_INTERIM("acct Interim"),
        ACCT_STOP("acct Stop");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Latencies in buckets 5 % apart from 1 µs; counts and errors per kind. Thread-safe. */
    static final class Stats {
        static final int BUCKETS = 420;
        final AtomicLongArray[] buckets = new AtomicLongArray[Kind.values().length];
        final AtomicLong[] counts = new AtomicLong[Kind.values().length];
        final AtomicLong[] errors = new AtomicLong[Kind.values().length];
        final AtomicLong[] maxNanos = new AtomicLong[Kind.values().length];

        Stats() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new AtomicLongArray(BUCKETS);
                counts[i] = new AtomicLong();
                errors[i] = new AtomicLong();
                maxNanos[i] = new AtomicLong();
            }
        }

        void ok(Kind k, long nanos) {
            int i = k.ordinal();
            counts[i].incrementAndGet();
            double micros = Math.max(1, nanos / 1000.0);
            buckets[i].incrementAndGet(Math.min(BUCKETS - 1, (int) (Math.log(micros) / Math.log(1.05))));
            maxNanos[i].accumulateAndGet(nanos, Math::max);
        }

        void error(Kind k) {
            errors[k.ordinal()].incrementAndGet();
        }

        long count(Kind k) {
            return counts[k.ordinal()].get();
        }

        long errors(Kind k) {
            return errors[k.ordinal()].get();
        }

        /** The latency below which a fraction q of the requests of this kind were answered, in ms (upper bucket edge). */
        double percentileMs(Kind k, double q) {
            AtomicLongArray b = buckets[k.ordinal()];
            long total = count(k);
            if (total == 0) {
                return 0;
            }
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += b.get(i);
                if (seen >= Math.ceil(total * q)) {
                    return Math.pow(1.05, i + 1) / 1000.0;
                }
            }
            return maxNanos[k.ordinal()].get() / 1e6;
        }
    }

    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
    private static final Pattern USER = Pattern.compile("name=\"auth_user\" value=\"([^\"]+)\"");
    private static final Pattern PASS = Pattern.compile("name=\"auth_pass\" value=\"([^\"]+)\"");
    private static final String[] AGENTS = {
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"};
    private static final String[] LANGUAGES = {"vi-VN,vi;q=0.9", "vi", "en-US,en;q=0.8", "zh-CN", "ko-KR", "fr-FR"};

    private final Map<String, String> options;
    private final String base;
    private final String gateway;
    private final byte[] secret;
    private final InetSocketAddress auth;
    private final InetSocketAddress acct;
    private final int timeoutMillis;
    private final double returningShare;
    private final HttpClient http;
    private volatile Stats stats = new Stats();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong nextDevice = new AtomicLong();
    private final AtomicLong nextSession = new AtomicLong();
    /** Devices that acknowledged the notice, for returning visits (MAC authentication). */
    private final AtomicReferenceArray<String> acknowledged = new AtomicReferenceArray<>(65_536);
    private final AtomicLong acknowledgedCount = new AtomicLong();

    private PortalMix(Map<String, String> options) {
        this.options = options;
        this.base = required(options, "base");
        this.gateway = options.getOrDefault("gateway", "bench-pf");
        this.secret = required(options, "secret").getBytes(StandardCharsets.UTF_8);
        String host = options.getOrDefault("radius-host", "127.0.0.1");
        this.auth = new InetSocketAddress(host, Integer.parseInt(required(options, "auth-port")));
        this.acct = new InetSocketAddress(host, Integer.parseInt(required(options, "acct-port")));
        this.timeoutMillis = (int) (Double.parseDouble(options.getOrDefault("timeout", "5")) * 1000);
        this.returningShare = Double.parseDouble(options.getOrDefault("returning", "0.3"));
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String required(Map<String, String> options, String key) {
        String v = options.get(key);
        if (v == null) {
            usage();
        }
        return v;
    }

    private static void usage() {
        System.err.println("""
                Usage: PortalMix --base URL --secret S --auth-port P --acct-port P [--gateway bench-pf] [--radius-host 127.0.0.1]
                                 [--visitors 32] [--duration 60] [--warmup 10] [--progress 5] [--timeout 5] [--returning 0.3] [--json]""");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                usage();
            }
            String key = args[i].substring(2);
            if (key.equals("json")) {
                options.put(key, "true");
            } else if (key.equals("help") || i + 1 >= args.length) {
                usage();
            } else {
                options.put(key, args[++i]);
            }
        }
        System.exit(new PortalMix(options).run());
    }

    private int integer(String key, int fallback) {
        return Integer.parseInt(options.getOrDefault(key, Integer.toString(fallback)));
    }

    private int run() throws Exception {
        int visitors = integer("visitors", 32);
        int warmup = integer("warmup", 10);
        int duration = integer("duration", 60);
        int progress = Math.max(1, integer("progress", 5));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            Thread t = new Thread(this::visit, "visitor-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (warmup > 0) {
            System.out.printf(Locale.ROOT, "warm-up %d s with %d visitors ...%n", warmup, visitors);
            Thread.sleep(warmup * 1000L);
        }
        stats = new Stats();
        long start = System.nanoTime();
        long[] before = new long[Kind.values().length];
        long lastTick = start;
        System.out.printf(Locale.ROOT, "measuring %d s with %d visitors%n", duration, visitors);
        while (true) {
            long now = System.nanoTime();
            long end = start + duration * 1_000_000_000L;
            if (now >= end) {
                break;
            }
            Thread.sleep(Math.min(progress * 1000L, Math.max(1, (end - now) / 1_000_000)));
            long tick = System.nanoTime();
            progressLine(before, (tick - lastTick) / 1e9, (tick - start) / 1e9);
            lastTick = tick;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats measured = stats;
        running.set(false);
        for (Thread t : threads) {
            t.join(timeoutMillis * 4L);
        }
        return report(measured, seconds, visitors);
    }

    private void progressLine(long[] before, double interval, double elapsed) {
        Stats s = stats;
        long http = 0;
        long radius = 0;
        long errors = 0;
        double worstP99 = 0;
        for (Kind k : Kind.values()) {
            long c = s.count(k);
            long d = c - before[k.ordinal()];
            before[k.ordinal()] = c;
            if (k.ordinal() <= Kind.STORE_CLICK.ordinal()) {
                http += d;
            } else {
                radius += d;
            }
            errors += s.errors(k);
            worstP99 = Math.max(worstP99, s.percentileMs(k, 0.99));
        }
        System.out.printf(Locale.ROOT, "[%5.0fs] %7.0f req/s  (HTTP %6.0f/s, RADIUS %6.0f/s)  notices %d  errors %d  worst p99 so far %.1f ms%n",
                elapsed, (http + radius) / interval, http / interval, radius / interval, s.count(Kind.ARRIVAL), errors, worstP99);
    }

    private int report(Stats s, double seconds, int visitors) {
        System.out.printf(Locale.ROOT, "%nResult: %d visitors, %.0f s measured%n", visitors, seconds);
        System.out.printf(Locale.ROOT, "%-24s %10s %9s %7s %9s %9s %9s%n", "kind", "count", "per s", "errors", "p50 ms", "p99 ms", "max ms");
        long total = 0;
        long totalErrors = 0;
        StringBuilder json = new StringBuilder("{\"seconds\":").append(Math.round(seconds)).append(",\"visitors\":").append(visitors)
                .append(",\"kinds\":{");
        for (Kind k : Kind.values()) {
            long c = s.count(k);
            long e = s.errors(k);
            total += c;
            totalErrors += e;
            System.out.printf(Locale.ROOT, "%-24s %10d %9.0f %7d %9.2f %9.2f %9.1f%n", k.label, c, c / seconds, e, s.percentileMs(k, 0.5),
                    s.percentileMs(k, 0.99), s.maxNanos[k.ordinal()].get() / 1e6);
            json.append(String.format(Locale.ROOT, "%s\"%s\":{\"count\":%d,\"perSecond\":%.1f,\"errors\":%d,\"p50Ms\":%.3f,\"p99Ms\":%.3f}",
                    k == Kind.ARRIVAL ? "" : ",", k.name().toLowerCase(Locale.ROOT), c, c / seconds, e, s.percentileMs(k, 0.5), s.percentileMs(k, 0.99)));
        }
        System.out.printf(Locale.ROOT, "%-24s %10d %9.0f %7d%n", "all", total, total / seconds, totalErrors);
        json.append("},\"total\":").append(total).append(",\"errors\":").append(totalErrors).append('}');
        if (options.containsKey("json")) {
            System.out.println(json);
        }
        return totalErrors * 100 > Math.max(1, total + totalErrors) ? 1 : 0;
    }

    // ------------------------------------------------------------------ one visitor

    private void visit() {
        byte[] id = {0};
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            Radius radius = new Radius(socket, secret);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (running.get()) {
                long known = acknowledgedCount.get();
                if (known > 0 && random.nextDouble() < returningShare) {
                    returningDevice(radius, acknowledged.get((int) (random.nextLong(Math.min(known, acknowledged.length())))));
                } else {
                    newDevice(radius, random);
                }
            }
        } catch (IOException e) {
            System.err.println("visitor stopped: " + e);
        }
    }

    private void newDevice(Radius radius, ThreadLocalRandom random) {
        long n = nextDevice.incrementAndGet();
        String mac = String.format(Locale.ROOT, "02:b7:%02x:%02x:%02x:%02x", (n >> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
        String ip = "10.77." + ((n >> 8) & 0xff) + "." + (n & 0xff);
        String agent = AGENTS[random.nextInt(AGENTS.length)];
        String language = LANGUAGES[random.nextInt(LANGUAGES.length)];
        String arrival = base + "/pfsense/" + gateway + "/?portal_action=" + enc("http://192.168.10.1:8002/index.php?zone=guests")
                + "&zone=guests&redirurl=" + enc("http://example.com/news") + "&client_mac=" + mac + "&client_ip=" + ip;
        String page = get(Kind.ARRIVAL, arrival, agent, language, 200);
        if (page == null) {
            return;
        }
        Matcher v = VISIT.matcher(page);
        if (!v.find()) {
            stats.error(Kind.ARRIVAL);
            return;
        }
        String visit = v.group(1);
        if (random.nextDouble() < 0.15) {
            get(Kind.NOTICE, base + "/notice?lang=en&v=" + visit, agent, language, 200);
        }
        if (random.nextDouble() >= 0.8) {
            return; // read the notice and left
        }
        String form = post(Kind.ACKNOWLEDGE, base + "/continue", "v=" + visit + "&lang=vi", agent, language);
        if (form == null) {
            return;
        }
        Matcher user = USER.matcher(form);
        Matcher pass = PASS.matcher(form);
        if (!user.find() || !pass.find()) {
            stats.error(Kind.ACKNOWLEDGE);
            return;
        }
        if (radius.access(Kind.GRANT_AUTH, user.group(1), pass.group(1), mac, stats)) {
            acknowledged.set((int) (acknowledgedCount.getAndIncrement() % acknowledged.length()), mac);
            session(radius, mac, random);
        }
        if (random.nextDouble() < 0.3) {
            get(Kind.STORE_CLICK, base + (agent.contains("iPhone") ? "/store/ios?v=" : "/store/android?v=") + visit, agent, language, 302);
        }
    }

    private void returningDevice(Radius radius, String mac) {
        if (mac == null) {
            return;
        }
        String user = mac.replace(':', '-').toUpperCase(Locale.ROOT);
        if (radius.access(Kind.MAC_AUTH, user, user, user, stats)) {
            session(radius, mac, ThreadLocalRandom.current());
        }
    }

    private void session(Radius radius, String mac, ThreadLocalRandom random) {
        String session = "bench-" + nextSession.incrementAndGet();
        if (!radius.accounting(Kind.ACCT_START, 1, session, mac, 0, 0, stats)) {
            return;
        }
        int interims = 1 + random.nextInt(3);
        for (int i = 1; i <= interims; i++) {
            radius.accounting(Kind.ACCT_INTERIM, 3, session, mac, i * 300, i * 2_000_000L, stats);
        }
        radius.accounting(Kind.ACCT_STOP, 2, session, mac, (interims + 1) * 300, (interims + 1) * 2_000_000L, stats);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String get(Kind kind, String url, String agent, String language, int expected) {
        return send(kind, HttpRequest.newBuilder(URI.create(url)).GET(), agent, language, expected);
    }

    private String post(Kind kind, String url, String body, String agent, String language) {
        return send(kind, HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), agent, language, 200);
    }

    private String send(Kind kind, HttpRequest.Builder request, String agent, String language, int expected) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofMillis(timeoutMillis)).header("User-Agent", agent)
                    .header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                stats.error(kind);
                return null;
            }
            stats.ok(kind, System.nanoTime() - started);
            return response.body();
        } catch (IOException e) {
            stats.error(kind);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            return null;
        }
    }

    // ------------------------------------------------------------------ RADIUS, one socket per visitor

    final class Radius {
        private final DatagramSocket socket;
        private final byte[] secret;
        private final MessageDigest md5;
        private final Mac hmac;
        private final SecureRandom random = new SecureRandom();
        private final byte[] in = new byte[4096];
        private int identifier;

        Radius(DatagramSocket socket, byte[] secret) {
            this.socket = socket;
            this.secret = secret;
            try {
                this.md5 = MessageDigest.getInstance("MD5");
                this.hmac = Mac.getInstance("HmacMD5");
                hmac.init(new SecretKeySpec(secret, "HmacMD5"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Access-Request (PAP, Message-Authenticator first); true on a verified Access-Accept. */
        boolean access(Kind kind, String user, String password, String callingStation, Stats s) {
            byte[] authenticator = new byte[16];
            random.nextBytes(authenticator);
            ByteBuffer p = ByteBuffer.allocate(4096);
            int id = next();
            p.put((byte) 1).put((byte) id).putShort((short) 0).put(authenticator);
            p.put((byte) 80).put((byte) 18).put(new byte[16]);
            RadiusPackets.attribute(p, 1, user.getBytes(StandardCharsets.UTF_8));
            RadiusPackets.attribute(p, 2, RadiusPackets.hide(md5, secret, password.getBytes(StandardCharsets.UTF_8), authenticator));
            RadiusPackets.attribute(p, 31, callingStation.getBytes(StandardCharsets.UTF_8));
            RadiusPackets.attribute(p, 4, new byte[] {127, 0, 0, 1});
            RadiusPackets.attribute(p, 61, new byte[] {0, 0, 0, 19});
            byte[] packet = RadiusPackets.finish(p);
            System.arraycopy(hmac.doFinal(packet), 0, packet, 22, 16);
            return exchange(kind, packet, auth, authenticator, 2, s);
        }

        /** Accounting-Request; true on a verified Accounting-Response. */
        boolean accounting(Kind kind, int statusType, String session, String mac, int sessionSeconds, long octets, Stats s) {
            ByteBuffer p = ByteBuffer.allocate(4096);
            int id = next();
            p.put((byte) 4).put((byte) id).putShort((short) 0).put(new byte[16]);
            String station = mac.replace(':', '-').toUpperCase(Locale.ROOT);
            RadiusPackets.attribute(p, 40, RadiusPackets.integer(statusType));
            RadiusPackets.attribute(p, 44, session.getBytes(StandardCharsets.US_ASCII));
            RadiusPackets.attribute(p, 1, station.getBytes(StandardCharsets.US_ASCII));
            RadiusPackets.attribute(p, 31, station.getBytes(StandardCharsets.US_ASCII));
            RadiusPackets.attribute(p, 4, new byte[] {127, 0, 0, 1});
            RadiusPackets.attribute(p, 46, RadiusPackets.integer(sessionSeconds));
            RadiusPackets.attribute(p, 42, RadiusPackets.integer((int) (octets / 4)));
            RadiusPackets.attribute(p, 43, RadiusPackets.integer((int) octets));
            if (statusType == 2) {
                RadiusPackets.attribute(p, 49, RadiusPackets.integer(1));
            }
            byte[] packet = RadiusPackets.finish(p);
            md5.update(packet);
            md5.update(secret);
            byte[] authenticator = md5.digest();
            System.arraycopy(authenticator, 0, packet, 4, 16);
            return exchange(kind, packet, acct, authenticator, 5, s);
        }

        private boolean exchange(Kind kind, byte[] packet, InetSocketAddress to, byte[] requestAuthenticator, int expectedCode, Stats s) {
            long started = System.nanoTime();
            try {
                socket.send(new DatagramPacket(packet, packet.length, to));
                while (true) {
                    DatagramPacket reply = new DatagramPacket(in, in.length);
                    socket.receive(reply);
                    if (reply.getLength() < 20 || (in[1] & 0xff) != (packet[1] & 0xff)) {
                        continue; // a late answer to an earlier request that timed out
                    }
                    if (!RadiusPackets.replyAuthentic(md5, secret, in, reply.getLength(), requestAuthenticator) || in[0] != expectedCode) {
                        s.error(kind);
                        return false;
                    }
                    s.ok(kind, System.nanoTime() - started);
                    return true;
                }
            } catch (SocketTimeoutException e) {
                s.error(kind);
                return false;
            } catch (IOException e) {
                s.error(kind);
                return false;
            }
        }

        private int next() {
            identifier = (identifier + 1) & 0xff;
            return identifier;
        }
    }
}
