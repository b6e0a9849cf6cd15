import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RADIUS load generator for bench/radius-vs-freeradius.sh. Keeps a fixed number of requests outstanding
 * over one UDP socket, verifies every reply's Response Authenticator, and reports answered requests per
 * second, latency percentiles and, given the server's pid, its CPU time per request and resident memory.
 *
 * <pre>
 * javac -d gen bench/radius/RadiusLoad.java bench/radius/RadiusPackets.java
 * java -cp gen RadiusLoad --port 1812 --secret S --type auth-pap --user U --password P [options]
 * java -cp gen RadiusLoad --port 1812 --secret S --type auth-pap --mac-auth --macs FILE [options]
 * java -cp gen RadiusLoad --port 1813 --secret S --type acct-interim [--sessions 1000] [options]
 * java -cp gen RadiusLoad --seed-portal http://127.0.0.1:8080 --gateway ID --macs FILE [--count 1000]
 *   options: --host 127.0.0.1 --outstanding 64 --duration 10 --warmup 3 --timeout 2 --server-pid PID --json
 * </pre>
 * Exit: 0 done; 1 a reply failed verification (warm-up included) or more than 1 % of the measured requests
 * timed out; 2 usage. An identifier whose request timed out rests for two timeouts before reuse, so a late
 * reply is counted as stray, not taken for another request's.
 * Requests carry Message-Authenticator first (Access-Request) or the RFC 2866 Request Authenticator
 * (Accounting-Request); PAP passwords are hidden per RFC 2865.
 */
public final class RadiusLoad {
    private static final int ACCESS_REQUEST = 1;
    private static final int ACCESS_ACCEPT = 2;
    private static final int ACCESS_REJECT = 3;
    private static final int ACCOUNTING_REQUEST = 4;
    private static final int ACCOUNTING_RESPONSE = 5;

    private final Map<String, String> options;
    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();
    private final MessageDigest md5;
    private final Mac hmacMd5;

    private RadiusLoad(Map<String, String> options) throws Exception {
        this.options = options;
        this.secret = options.getOrDefault("secret", "").getBytes(StandardCharsets.UTF_8);
        this.md5 = MessageDigest.getInstance("MD5");
        this.hmacMd5 = Mac.getInstance("HmacMD5");
        if (secret.length > 0) {
            hmacMd5.init(new SecretKeySpec(secret, "HmacMD5"));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage(0);
            }
            if (!a.startsWith("--")) {
                usage(2);
            }
            String key = a.substring(2);
            if (key.equals("mac-auth") || key.equals("json")) {
                options.put(key, "true");
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                usage(2);
            }
        }
        RadiusLoad load = new RadiusLoad(options);
        System.exit(options.containsKey("seed-portal") ? load.seed() : load.run());
    }

    private static void usage(int exit) {
        System.err.println("""
                Usage:
                  RadiusLoad --port P --secret S --type auth-pap (--user U --password P | --mac-auth --macs FILE) [options]
                  RadiusLoad --port P --secret S --type acct-interim [--sessions 1000] [options]
                  RadiusLoad --seed-portal URL --gateway ID --macs FILE [--count 1000]
                options: --host 127.0.0.1 --outstanding 64 --duration 10 --warmup 3 --timeout 2
                         --calling-station 02-00-00-00-00-01 --server-pid PID --json""");
        System.exit(exit);
    }

    private String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    private int integer(String key, int fallback) {
        return Integer.parseInt(option(key, Integer.toString(fallback)));
    }

    // ------------------------------------------------------------------ seeding the portal

    /** Makes every device of the MAC file acknowledge the notice through the portal's openNDS (level 1) flow. */
    private int seed() throws Exception {
        String base = options.get("seed-portal");
        String gateway = option("gateway", "bench-gw");
        int count = integer("count", 1000);
        Path file = Path.of(option("macs", "macs.txt"));
        List<String> macs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            macs.add(String.format(Locale.ROOT, "02-BE-00-%02X-%02X-%02X", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff));
        }
        Files.write(file, macs, StandardCharsets.US_ASCII);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        Pattern visit = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < macs.size(); i++) {
            String mac = macs.get(i).toLowerCase(Locale.ROOT).replace('-', ':');
            String ip = "10.1." + ((i >> 8) & 0xff) + "." + (i & 0xff);
            done.add(pool.submit(() -> {
                String fas = "clientip=" + ip + ", clientmac=" + mac + ", client_type=cpd_can, gatewayname=bench, "
                        + "gatewayurl=http%3a%2f%2f10.1.0.1%3a2050, version=9.10.0, hid=" + "ab".repeat(32)
                        + ", client_if=br-lan, originurl=http%3a%2f%2fexample.com%2f, gatewayaddress=10.1.0.1:2050, "
                        + "gatewaymac=02:00:00:00:00:01, authdir=opennds_auth, themespec=, ";
                String arrival = base + "/opennds/" + gateway + "/?fas="
                        + Base64.getEncoder().encodeToString(fas.getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(arrival)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = visit.matcher(page.body());
                if (page.statusCode() != 200 || !m.find()) {
                    return false;
                }
                HttpResponse<Void> ack = http.send(HttpRequest.newBuilder(URI.create(base + "/continue"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("v=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&lang=en"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                return ack.statusCode() == 303;
            }));
        }
        int ok = 0;
        for (Future<Boolean> f : done) {
            if (f.get()) {
                ok++;
            }
        }
        pool.shutdown();
        System.out.println("seeded " + ok + " of " + macs.size() + " devices (acknowledged the notice) -> " + file);
        return ok == macs.size() ? 0 : 1;
    }

    // ------------------------------------------------------------------ load

    private int run() throws Exception {
        String type = option("type", "auth-pap");
        boolean accounting = type.equals("acct-interim");
        if (!accounting && !type.equals("auth-pap")) {
            usage(2);
        }
        List<String> macs = options.containsKey("mac-auth") ? Files.readAllLines(Path.of(option("macs", "macs.txt"))) : List.of();
        if (options.containsKey("mac-auth") && macs.isEmpty()) {
            System.err.println("--mac-auth needs a non-empty --macs file");
            return 2;
        }
        int outstanding = Math.min(255, integer("outstanding", 64));
        long warmupNanos = Duration.ofSeconds(integer("warmup", 3)).toNanos();
        long durationNanos = Duration.ofSeconds(integer("duration", 10)).toNanos();
        long timeoutNanos = (long) (Double.parseDouble(option("timeout", "2")) * 1e9);
        int sessions = integer("sessions", 1000);
        String pid = options.get("server-pid");

        DatagramChannel channel = DatagramChannel.open();
        channel.connect(new InetSocketAddress(option("host", "127.0.0.1"), Integer.parseInt(options.get("port"))));
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);

        byte[][] authenticators = new byte[256][];
        long[] sentAt = new long[256];
        boolean[] busy = new boolean[256];
        // an identifier whose request timed out is not reused for a while: a late reply must not be taken
        // for the reply to a newer request
        long[] quietUntil = new long[256];
        long[] latencies = new long[1 << 22];
        int latencyCount = 0;
        long answered = 0;
        long accepts = 0;
        long rejects = 0;
        long responses = 0;
        long badAuthenticator = 0;
        long timeouts = 0;
        long stray = 0;
        long warmupFailures = 0;
        long warmupBadAuthenticator = 0;
        long sent = 0;
        int inFlight = 0;
        int nextId = 0;
        long counter = 0;
        ByteBuffer in = ByteBuffer.allocate(4096);

        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + durationNanos;
        boolean measuring = false;
        long cpuBefore = 0;
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= measureFrom) {
                measuring = true;
                warmupFailures = badAuthenticator + timeouts;
                warmupBadAuthenticator = badAuthenticator;
                answered = accepts = rejects = responses = badAuthenticator = timeouts = stray = sent = 0;
                latencyCount = 0;
                cpuBefore = pid == null ? 0 : cpuTicks(pid);
            }
            if (now >= end) {
                break;
            }
            while (inFlight < outstanding) {
                long freeAt = System.nanoTime();
                while (busy[nextId] || quietUntil[nextId] > freeAt) {
                    nextId = (nextId + 1) & 0xff;
                }
                byte[] packet;
                if (accounting) {
                    packet = interimUpdate(nextId, counter++, sessions);
                } else {
                    String user = macs.isEmpty() ? option("user", "bench-user") : macs.get((int) (counter % macs.size()));
                    String password = macs.isEmpty() ? option("password", "bench-password") : user;
                    String calling = macs.isEmpty() ? option("calling-station", "02-00-00-00-00-01") : user;
                    counter++;
                    packet = accessRequest(nextId, user, password, calling);
                }
                channel.write(ByteBuffer.wrap(packet));
                authenticators[nextId] = Arrays.copyOfRange(packet, 4, 20);
                sentAt[nextId] = System.nanoTime();
                busy[nextId] = true;
                inFlight++;
                sent++;
                nextId = (nextId + 1) & 0xff;
            }
            selector.select(5);
            selector.selectedKeys().clear();
            while (true) {
                in.clear();
                if (channel.read(in) <= 0) {
                    break;
                }
                int length = in.position();
                int id = in.get(1) & 0xff;
                if (length < 20 || !busy[id]) {
                    stray++;
                    continue;
                }
                busy[id] = false;
                inFlight--;
                long took = System.nanoTime() - sentAt[id];
                if (!responseAuthentic(in.array(), length, authenticators[id])) {
                    badAuthenticator++;
                    continue;
                }
                answered++;
                switch (in.get(0)) {
                    case ACCESS_ACCEPT -> accepts++;
                    case ACCESS_REJECT -> rejects++;
                    case ACCOUNTING_RESPONSE -> responses++;
                    default -> {
                    }
                }
                if (measuring && latencyCount < latencies.length) {
                    latencies[latencyCount++] = took;
                }
            }
            long expired = System.nanoTime() - timeoutNanos;
            for (int id = 0; id < 256; id++) {
                if (busy[id] && sentAt[id] < expired) {
                    busy[id] = false;
                    quietUntil[id] = System.nanoTime() + 2 * timeoutNanos;
                    inFlight--;
                    timeouts++;
                }
            }
        }
        double seconds = durationNanos / 1e9;
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
        double rate = answered / seconds;
        String cpu = "";
        String cpuJson = "";
        if (pid != null) {
            double cpuSeconds = (cpuTicks(pid) - cpuBefore) / 100.0;
            long rssKb = rssKb(pid);
            double perRequestUs = answered == 0 ? 0 : cpuSeconds * 1e6 / answered;
            double perCpuSecond = cpuSeconds == 0 ? 0 : answered / cpuSeconds;
            cpu = String.format(Locale.ROOT, ", server CPU %.1f µs/request (%.0f requests per CPU-second), RSS %d MiB",
                    perRequestUs, perCpuSecond, rssKb / 1024);
            cpuJson = String.format(Locale.ROOT, ",\"cpuUsPerRequest\":%.1f,\"requestsPerCpuSecond\":%.0f,\"rssMiB\":%d",
                    perRequestUs, perCpuSecond, rssKb / 1024);
        }
        System.out.printf(Locale.ROOT, "%s: %.0f answered/s (%d in %.0f s; accept %d, reject %d, acct-response %d), "
                        + "p50 %.2f ms, p99 %.2f ms, max %.1f ms, timeouts %d, bad authenticator %d, stray %d, failures in warm-up %d%s%n",
                type, rate, answered, seconds, accepts, rejects, responses, p50, p99, max, timeouts, badAuthenticator, stray,
                warmupFailures, cpu);
        if (options.containsKey("json")) {
            System.out.printf(Locale.ROOT, "{\"type\":\"%s\",\"rate\":%.0f,\"answered\":%d,\"accepts\":%d,\"rejects\":%d,\"responses\":%d,"
                            + "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f,\"timeouts\":%d,\"badAuthenticator\":%d,\"stray\":%d,"
                            + "\"warmupFailures\":%d%s}%n",
                    type, rate, answered, accepts, rejects, responses, p50, p99, max, timeouts, badAuthenticator, stray, warmupFailures, cpuJson);
        }
        boolean tooManyTimeouts = timeouts > Math.max(1, (answered + timeouts) / 100);
        return badAuthenticator + warmupBadAuthenticator > 0 || tooManyTimeouts ? 1 : 0;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    private static long cpuTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKb(String pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ packets

    private byte[] accessRequest(int id, String user, String password, String callingStation) {
        byte[] authenticator = new byte[16];
        random.nextBytes(authenticator);
        byte[] hidden = RadiusPackets.hide(md5, secret, password.getBytes(StandardCharsets.UTF_8), authenticator);
        ByteBuffer p = ByteBuffer.allocate(4096);
        p.put((byte) ACCESS_REQUEST).put((byte) id).putShort((short) 0).put(authenticator);
        p.put((byte) 80).put((byte) 18).put(new byte[16]);
        RadiusPackets.attribute(p, 1, user.getBytes(StandardCharsets.UTF_8));
        RadiusPackets.attribute(p, 2, hidden);
        RadiusPackets.attribute(p, 31, callingStation.getBytes(StandardCharsets.UTF_8));
        RadiusPackets.attribute(p, 4, new byte[] {127, 0, 0, 1});
        RadiusPackets.attribute(p, 61, new byte[] {0, 0, 0, 19});
        byte[] packet = RadiusPackets.finish(p);
        System.arraycopy(hmacMd5.doFinal(packet), 0, packet, 22, 16);
        return packet;
    }

    private byte[] interimUpdate(int id, long n, int sessions) {
        ByteBuffer p = ByteBuffer.allocate(4096);
        p.put((byte) ACCOUNTING_REQUEST).put((byte) id).putShort((short) 0).put(new byte[16]);
        long session = n % sessions;
        String mac = String.format(Locale.ROOT, "02-AC-00-%02X-%02X-%02X", (session >> 16) & 0xff, (session >> 8) & 0xff, session & 0xff);
        RadiusPackets.attribute(p, 40, RadiusPackets.integer(3));
        RadiusPackets.attribute(p, 44, ("bench-" + session).getBytes(StandardCharsets.US_ASCII));
        RadiusPackets.attribute(p, 1, mac.getBytes(StandardCharsets.US_ASCII));
        RadiusPackets.attribute(p, 31, mac.getBytes(StandardCharsets.US_ASCII));
        RadiusPackets.attribute(p, 4, new byte[] {127, 0, 0, 1});
        RadiusPackets.attribute(p, 46, RadiusPackets.integer((int) (n / sessions)));
        RadiusPackets.attribute(p, 42, RadiusPackets.integer((int) (n * 1000)));
        RadiusPackets.attribute(p, 43, RadiusPackets.integer((int) (n * 4000)));
        RadiusPackets.attribute(p, 52, RadiusPackets.integer(0));
        byte[] packet = RadiusPackets.finish(p);
        md5.update(packet);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, packet, 4, 16);
        return packet;
    }

    private boolean responseAuthentic(byte[] reply, int length, byte[] requestAuthenticator) {
        return RadiusPackets.replyAuthentic(md5, secret, reply, length, requestAuthenticator);
    }
}
