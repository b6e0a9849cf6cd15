package vn.bluezone.portal.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import vn.bluezone.portal.config.CountingSettings;

/**
 * How many counted events one device and one source address may add to a venue's figures: each key gets a window
 * that starts with its first event and lasts {@code window}; events beyond the limit within it are flagged (still
 * recorded, not counted). In memory, per node, bounded in keys: a flood of made-up device keys from one address
 * still meets that address's limit. Thread-safe.
 */
public final class CountingLimits {
    /** Keys remembered per kind of limit; the least recently used are forgotten first. */
    static final int MAX_KEYS = 100_000;

    private final Limit devices;
    private final Limit addresses;

    public CountingLimits(CountingSettings settings, Ticker ticker) {
        this.devices = new Limit(settings.deviceLimit(), settings.deviceWindow(), ticker);
        this.addresses = new Limit(settings.addressLimit(), settings.addressWindow(), ticker);
    }

    /**
     * Counts one event of this device from this address.
     *
     * @return {@link ImpressionFlag#NONE} while both are within their limits, otherwise which limit was passed
     */
    public ImpressionFlag count(String deviceKey, String sourceAddress) {
        boolean deviceWithin = devices.take(deviceKey);
        boolean addressWithin = addresses.take(sourceAddress);
        if (!deviceWithin) {
            return ImpressionFlag.DEVICE_LIMIT;
        }
        return addressWithin ? ImpressionFlag.NONE : ImpressionFlag.ADDRESS_LIMIT;
    }

    /** A fixed window per key, from its first event; 0 = no limit. */
    private static final class Limit {
        private final int limit;
        private final Cache<String, AtomicInteger> windows;

        Limit(int limit, Duration window, Ticker ticker) {
            this.limit = limit;
            this.windows = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(window).ticker(ticker)
                    .executor(Runnable::run).build();
        }

        boolean take(String key) {
            if (limit == 0) {
                return true;
            }
            return windows.get(key, k -> new AtomicInteger()).incrementAndGet() <= limit;
        }
    }
}
