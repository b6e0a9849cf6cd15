package vn.bluezone.portal.config;

import java.time.Duration;
import java.util.List;

/**
 * The embedded RADIUS server.
 *
 * @param enabled whether it listens at all
 * @param host address to listen on; {@code ::} listens on IPv6 and IPv4 alike
 * @param authPort UDP port for Access-Request
 * @param acctPort UDP port for Accounting-Request
 * @param threads threads that receive and answer requests (per port)
 * @param duplicateCacheSize most replies remembered for answering retransmissions
 * @param duplicateCacheTtl how long a reply is remembered
 * @param grantLifetime how long a grant token stays valid for the NAS to present it
 * @param coaTimeout how long the portal waits for a NAS to answer a Disconnect-Request (it tries three times)
 * @param clients the NAS devices allowed to ask
 */
public record RadiusSettings(
        boolean enabled,
        String host,
        int authPort,
        int acctPort,
        int threads,
        int duplicateCacheSize,
        Duration duplicateCacheTtl,
        Duration grantLifetime,
        Duration coaTimeout,
        List<NasClientSettings> clients) {

    public RadiusSettings {
        clients = List.copyOf(clients);
    }

    public static RadiusSettings disabled() {
        return new RadiusSettings(false, "::", 1812, 1813, 2, 100_000, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofSeconds(2), List.of());
    }
}
