package vn.bluezone.portal.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Decides which QR scans ({@code /q/<venue>}) are counted, so that one scanner cannot inflate a venue's figures: the
 * same phone (source address and User-Agent) scanning the same venue's code again within {@code repeatWindow} counts
 * once, and one source address counts at most {@code perAddress} scans within {@code addressWindow} of its first,
 * whatever it sends. Many phones share an address behind a carrier's or a venue's NAT, so the address limit is generous;
 * a scan that is not counted still reaches the store. Kept in memory on this node, bounded; time from the injected
 * clock. Thread-safe.
 */
final class ScanThrottle {
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
    static final int PER_ADDRESS = 30;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    private static final int MAX_TRACKED = 100_000;

    private final int perAddress;
    private final Cache<String, Boolean> recentScans;
    private final Cache<String, Integer> scansByAddress;

    ScanThrottle(InstantSource clock) {
        this(clock, REPEAT_WINDOW, PER_ADDRESS, ADDRESS_WINDOW);
    }

    ScanThrottle(InstantSource clock, Duration repeatWindow, int perAddress, Duration addressWindow) {
        this.perAddress = perAddress;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.recentScans = Caffeine.newBuilder().maximumSize(MAX_TRACKED).ticker(ticker).executor(Runnable::run)
                .expireAfterWrite(repeatWindow).build();
        // the window starts at the address's first scan; later scans do not extend it
        this.scansByAddress = Caffeine.newBuilder().maximumSize(MAX_TRACKED).ticker(ticker).executor(Runnable::run)
                .expireAfter(Expiry.creating((String key, Integer count) -> addressWindow)).build();
    }

    /**
     * Whether this scan is counted; a counted scan is remembered.
     *
     * @param channel what was scanned ({@code poster_scan}, {@code signage_scan})
     */
    boolean counts(String sourceAddress, String userAgent, String venue, String channel) {
        String scan = sourceAddress + '\n' + (userAgent == null ? "" : userAgent) + '\n' + venue + '\n' + channel;
        if (recentScans.asMap().putIfAbsent(scan, Boolean.TRUE) != null) {
            return false;
        }
        boolean[] counted = {false};
        scansByAddress.asMap().compute(sourceAddress, (address, count) -> {
            int before = count == null ? 0 : count;
            counted[0] = before < perAddress;
            return counted[0] ? before + 1 : before;
        });
        return counted[0];
    }
}
