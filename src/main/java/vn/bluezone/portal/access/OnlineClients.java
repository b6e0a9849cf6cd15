package vn.bluezone.portal.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The clients this node let online, by gateway and by the IP address the gateway reported, with when
 * their access is expected to end: what the RFC 8908 Captive Portal API and the operating systems'
 * connectivity probes are answered from. Per node and in memory only (never stored; a client let online
 * by another node is not known here), bounded, and an entry leaves when its time is up.
 */
public final class OnlineClients {
    /** Most clients remembered per node (each index); the oldest go first beyond that. */
    public static final int DEFAULT_CAPACITY = 100_000;
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final InstantSource clock;
    private final Cache<String, Instant> byGatewayAndAddress;
    private final Cache<String, Instant> byAddress;

    public OnlineClients(InstantSource clock, int capacity) {
        this.clock = clock;
        this.byGatewayAndAddress = cache(clock, capacity);
        this.byAddress = cache(clock, capacity);
    }

    private static Cache<String, Instant> cache(InstantSource clock, int capacity) {
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        return Caffeine.newBuilder()
                .maximumSize(capacity)
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(Expiry.writing((String key, Instant until) -> positive(Duration.between(clock.instant(), until))))
                .build();
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * The gateway was told to let this client online for {@code lasting} from now. An address that is
     * not an IP address (none reported) is not remembered.
     */
    public void letOnline(String gateway, String clientAddress, Duration lasting) {
        Optional<String> address = canonical(clientAddress);
        if (address.isEmpty()) {
            return;
        }
        Instant until = clock.instant().plus(lasting);
        byGatewayAndAddress.put(gateway + " " + address.get(), until);
        byAddress.asMap().merge(address.get(), until, (old, fresh) -> old.isAfter(fresh) ? old : fresh);
    }

    /** How long the client at this address still has at this gateway, if this node let it online. */
    public Optional<Duration> remaining(String gateway, InetAddress client) {
        return left(byGatewayAndAddress.getIfPresent(gateway + " " + canonical(client)));
    }

    /** Whether this node let the client at this address online at any gateway, and its time is not up. */
    public boolean isOnline(InetAddress client) {
        return left(byAddress.getIfPresent(canonical(client))).isPresent();
    }

    private Optional<Duration> left(Instant until) {
        if (until == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** The address's bytes in hex; an IPv4 address inside IPv6 ({@code ::ffff:a.b.c.d}) as the IPv4 address. */
    static String canonical(InetAddress address) {
        return canonical(address.getAddress());
    }

    private static String canonical(byte[] bytes) {
        if (bytes.length == 16 && Arrays.equals(bytes, 0, 12, IPV4_MAPPED_PREFIX, 0, 12)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** The same for an address in text, or empty if it is not an IP address (no name is looked up). */
    static Optional<String> canonical(String address) {
        IPAddress parsed = address == null || address.isBlank() ? null : new IPAddressString(address.strip()).getAddress();
        if (parsed == null || parsed.isMultiple() || parsed.isPrefixed()) {
            return Optional.empty();
        }
        return Optional.of(canonical(parsed.getBytes()));
    }
}
