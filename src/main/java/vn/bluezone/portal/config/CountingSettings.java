package vn.bluezone.portal.config;

import java.time.Duration;

/**
 * How many counted events (impressions of any kind) one device and one source address may add to a venue's figures;
 * beyond that they are recorded as flagged, shown apart from the venue's totals. 0 = no limit.
 *
 * @param deviceLimit counted events per device key within {@code deviceWindow}
 * @param deviceWindow how long a device's count runs from its first event
 * @param addressLimit counted events per source address within {@code addressWindow} (a venue behind one NAT address
 *     shares it: set it above the venue's busiest hour)
 * @param addressWindow how long an address's count runs from its first event
 */
public record CountingSettings(int deviceLimit, Duration deviceWindow, int addressLimit, Duration addressWindow) {
    public static final CountingSettings DEFAULT = new CountingSettings(20, Duration.ofHours(1), 1200, Duration.ofMinutes(10));

    /** No limit at all (benchmarks and tests that drive many events from one address). */
    public static final CountingSettings UNLIMITED = new CountingSettings(0, Duration.ofHours(1), 0, Duration.ofHours(1));
}
