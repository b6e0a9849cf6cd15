package vn.bluezone.portal.config;

import java.util.List;

/**
 * {@code GET /metrics}.
 *
 * @param allowFrom addresses and CIDR blocks whose clients may read it (validated); empty means nobody
 */
public record MetricsSettings(List<String> allowFrom) {
    /** Loopback only: a Prometheus on the portal's host, or an SSH tunnel to it. */
    public static final MetricsSettings DEFAULT = new MetricsSettings(List.of("127.0.0.0/8", "::1"));

    public MetricsSettings {
        allowFrom = List.copyOf(allowFrom);
    }
}
