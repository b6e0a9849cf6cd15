import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RADIUS flood generator for bench/radius-flood.sh. For {@code --duration} seconds a legitimate NAS (127.0.0.1) sends
 * real Access-Requests (PAP, Message-Authenticator first) at a fixed rate and checks every reply's Response
 * Authenticator, while one thread floods the same port as fast as it can with one kind of hostile traffic:
 *
 * <pre>
 *   none            no flood (the baseline)
 *   unknown-source  well-formed, signed Access-Requests from an address that is no NAS client (--flood-source, 127.0.0.2)
 *   duplicates      one captured Access-Request of the NAS resent over and over (same identifier, same authenticator)
 *   random          random bytes of random lengths (1..4096), half of them with a plausible RADIUS header, from the NAS's address
 *   forged          well-formed Access-Requests from the NAS's address with a wrong secret, every one with a new authenticator
 *
 * javac -d gen bench/radius/RadiusFlood.java bench/radius/RadiusPackets.java && java -cp gen RadiusFlood --port 1812 --secret S --kind unknown-source [--duration 10] [--legit-rate 100]
 *      [--timeout 2] [--flood-source 127.0.0.2] [--seed 1]
 * </pre>
 * Prints one line: kind, flood packets sent and their rate, legitimate requests sent, answered, the answered ratio, and
 * the legitimate requests' p50 and p99 latency (of those answered). Exit 0; 1 when a reply fails verification; 2 usage.
 */
public final class RadiusFlood {
    private static final int ACCESS_REQUEST = 1;

    private final Map<String, String> options = new HashMap<>();
    private final byte[] secret;
    private final InetSocketAddress server;

    private RadiusFlood(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage();
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("port") || !options.containsKey("secret") || !options.containsKey("kind")) {
            usage();
        }
        secret = options.get("secret").getBytes(StandardCharsets.UTF_8);
        server = new InetSocketAddress(options.getOrDefault("host", "127.0.0.1"), Integer.parseInt(options.get("port")));
    }

    private static void usage() {
        System.err.println("usage: java RadiusFlood.java --port P --secret S --kind none|unknown-source|duplicates|random|forged "
                + "[--duration 10] [--legit-rate 100] [--timeout 2] [--flood-source 127.0.0.2] [--seed 1]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        System.exit(new RadiusFlood(args).run());
    }

    private int run() throws Exception {
        String kind = options.get("kind");
        int seconds = Integer.parseInt(options.getOrDefault("duration", "10"));
        int rate = Integer.parseInt(options.getOrDefault("legit-rate", "100"));
        long timeoutNanos = (long) (Double.parseDouble(options.getOrDefault("timeout", "2")) * 1e9);
        if (rate < 1 || rate * timeoutNanos / 1_000_000_000L > 250) {
            System.err.println("--legit-rate x --timeout must stay under 250 outstanding requests (one socket, 256 identifiers)");
            return 2;
        }
        List<byte[]> flood = floodPackets(kind, new Random(Long.parseLong(options.getOrDefault("seed", "1"))));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong floodSent = new AtomicLong();
        Thread flooder = new Thread(() -> flood(kind, flood, running, floodSent), "flood");

        DatagramSocket nas = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        nas.connect(server);
        nas.setSoTimeout(50);
        AtomicReferenceArray<Pending> pending = new AtomicReferenceArray<>(256);
        List<Long> latencies = new ArrayList<>();
        AtomicLong badReplies = new AtomicLong();
        Thread receiver = new Thread(() -> receive(nas, pending, latencies, badReplies, running), "receiver");
        receiver.start();
        if (!kind.equals("none")) {
            flooder.start();
        }

        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long interval = 1_000_000_000L / rate;
        long sent = 0;
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Mac hmac = Mac.getInstance("HmacMD5");
        hmac.init(new SecretKeySpec(secret, "HmacMD5"));
        Random random = new Random(7);
        while (System.nanoTime() < end) {
            long due = start + sent * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int id = (int) (sent % 256);
            byte[] authenticator = new byte[16];
            random.nextBytes(authenticator);
            byte[] request = accessRequest(id, authenticator, "visitor-" + sent, "not-a-grant-" + sent, secret, md5, hmac);
            pending.set(id, new Pending(System.nanoTime(), authenticator));
            nas.send(new DatagramPacket(request, request.length));
            sent++;
        }
        Thread.sleep(timeoutNanos / 1_000_000);
        running.set(false);
        flooder.join(5000);
        receiver.join(5000);
        nas.close();

        long answered;
        long[] sorted;
        synchronized (latencies) {
            answered = latencies.size();
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        double floodSeconds = seconds + timeoutNanos / 1e9;
        System.out.printf(Locale.ROOT, "%-15s flood %9d packets (%8.0f/s)  legit sent %5d  answered %5d  ratio %.4f  p50 %7.2f ms  p99 %7.2f ms%n",
                kind, floodSent.get(), floodSent.get() / floodSeconds, sent, answered, sent == 0 ? 0.0 : (double) answered / sent,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
        if (badReplies.get() > 0) {
            System.out.println("  " + badReplies.get() + " replies failed verification");
            return 1;
        }
        return 0;
    }

    private record Pending(long sentNanos, byte[] authenticator) {
    }

    private void receive(DatagramSocket nas, AtomicReferenceArray<Pending> pending, List<Long> latencies, AtomicLong bad,
            AtomicBoolean running) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            while (running.get()) {
                try {
                    nas.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (packet.getLength() < 20) {
                    continue;
                }
                byte[] reply = Arrays.copyOf(packet.getData(), packet.getLength());
                Pending p = pending.getAndSet(reply[1] & 0xff, null);
                if (p == null) {
                    continue; // a reply to a request already given up on
                }
                if (!RadiusPackets.replyAuthentic(md5, secret, reply, reply.length, p.authenticator())) {
                    bad.incrementAndGet();
                    continue;
                }
                synchronized (latencies) {
                    latencies.add(System.nanoTime() - p.sentNanos());
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                e.printStackTrace();
            }
        }
    }

    private List<byte[]> floodPackets(String kind, Random random) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Mac right = Mac.getInstance("HmacMD5");
        right.init(new SecretKeySpec(secret, "HmacMD5"));
        Mac wrong = Mac.getInstance("HmacMD5");
        byte[] wrongSecret = "not-the-nas-secret".getBytes(StandardCharsets.UTF_8);
        wrong.init(new SecretKeySpec(wrongSecret, "HmacMD5"));
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            byte[] authenticator = new byte[16];
            random.nextBytes(authenticator);
            switch (kind) {
                case "unknown-source" -> packets.add(accessRequest(i & 0xff, authenticator, "flood-" + i, "x", secret, md5, right));
                case "duplicates" -> {
                    if (i == 0) {
                        packets.add(accessRequest(7, authenticator, "captured", "captured-password", secret, md5, right));
                    }
                }
                case "forged" -> packets.add(accessRequest(i & 0xff, authenticator, "forged-" + i, "x", wrongSecret, md5, wrong));
                case "random" -> {
                    byte[] junk = new byte[1 + random.nextInt(4096)];
                    random.nextBytes(junk);
                    if (i % 2 == 0 && junk.length >= 20) {
                        junk[0] = (byte) ACCESS_REQUEST;
                        junk[2] = (byte) (junk.length >> 8);
                        junk[3] = (byte) junk.length;
                    }
                    packets.add(junk);
                }
                default -> {
                }
            }
        }
        return packets;
    }

    private void flood(String kind, List<byte[]> packets, AtomicBoolean running, AtomicLong sent) {
        String source = kind.equals("unknown-source") ? options.getOrDefault("flood-source", "127.0.0.2") : "127.0.0.1";
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(source, 0));
            channel.connect(server);
            ByteBuffer[] buffers = packets.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
            long n = 0;
            while (running.get()) {
                ByteBuffer b = buffers[(int) (n % buffers.length)];
                b.rewind();
                try {
                    channel.write(b);
                } catch (java.io.IOException e) {
                    // ICMP port unreachable or a full buffer: keep flooding
                }
                n++;
                if ((n & 1023) == 0) {
                    sent.set(n);
                }
            }
            sent.set(n);
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static byte[] accessRequest(int id, byte[] authenticator, String user, String password, byte[] secret, MessageDigest md5, Mac hmac) {
        ByteBuffer p = ByteBuffer.allocate(4096);
        p.put((byte) ACCESS_REQUEST).put((byte) id).putShort((short) 0).put(authenticator);
        p.put((byte) 80).put((byte) 18).put(new byte[16]);
        RadiusPackets.attribute(p, 1, user.getBytes(StandardCharsets.UTF_8));
        RadiusPackets.attribute(p, 2, RadiusPackets.hide(md5, secret, password.getBytes(StandardCharsets.UTF_8), authenticator));
        RadiusPackets.attribute(p, 4, new byte[] {127, 0, 0, 1});
        RadiusPackets.attribute(p, 61, RadiusPackets.integer(19));
        byte[] packet = RadiusPackets.finish(p);
        System.arraycopy(hmac.doFinal(packet), 0, packet, 22, 16);
        return packet;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
