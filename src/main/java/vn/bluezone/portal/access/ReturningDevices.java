package vn.bluezone.portal.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Whether a device acknowledged the notice recently enough to pass without it: its last acknowledgement
 * from the {@link DeviceStore}, behind a cache. A known acknowledgement is kept for minutes (it only moves
 * forward, and one found too old is looked up again); "never" only for a second, since the device may
 * acknowledge on any node at any moment. Acknowledgements made on this node are written through.
 */
public final class ReturningDevices {
    private static final Duration UNKNOWN_DEVICE_TTL = Duration.ofSeconds(1);
    private static final Duration KNOWN_DEVICE_TTL = Duration.ofMinutes(10);

    private final DeviceStore devices;
    private final InstantSource clock;
    private final Cache<String, Optional<Instant>> acknowledgements;

    public ReturningDevices(DeviceStore devices, InstantSource clock) {
        this.devices = devices;
        this.clock = clock;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.acknowledgements = Caffeine.newBuilder()
                .maximumSize(200_000)
                .ticker(ticker)
                .executor(Runnable::run)
                // from each write: an acknowledgement written through over a "never" is kept as long as a known one
                .expireAfter(Expiry.writing((String key, Optional<Instant> value) ->
                        value.isPresent() ? KNOWN_DEVICE_TTL : UNKNOWN_DEVICE_TTL))
                .build();
    }

    /**
     * When the device's notice is due again, if it is not yet: its last acknowledgement plus {@code remindEvery}.
     * May read the store (blocking): call it off the server's I/O threads.
     *
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot answer
     */
    public Optional<Instant> noticeDueAt(String deviceKey, Duration remindEvery) {
        Instant now = clock.instant();
        Optional<Instant> acknowledged = acknowledgements.getIfPresent(deviceKey);
        if (acknowledged == null || acknowledged.isEmpty() || !now.isBefore(acknowledged.get().plus(remindEvery))) {
            acknowledged = devices.lastAcknowledged(deviceKey);
            acknowledgements.put(deviceKey, acknowledged);
        }
        return acknowledged.map(at -> at.plus(remindEvery)).filter(now::isBefore);
    }

    /** The device acknowledged the notice at {@code at} (durably): remembered at once on this node. */
    public void acknowledged(String deviceKey, Instant at) {
        acknowledgements.asMap().merge(deviceKey, Optional.of(at),
                (old, fresh) -> old.isPresent() && old.get().isAfter(at) ? old : fresh);
    }
}
