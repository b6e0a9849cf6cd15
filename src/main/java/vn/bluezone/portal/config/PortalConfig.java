package vn.bluezone.portal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the portal is started with, validated as a whole when it is loaded.
 *
 * @param http the visitor-facing listener
 * @param dataDir folder for the embedded database and the portal's secret key
 * @param pagesDir folder with templates, texts and campaign assets ({@code portal-pages/})
 * @param campaign campaign folder under {@code pagesDir/campaigns/} shown to visitors
 * @param visitLifetime how long a notice page's Continue button stays valid
 * @param apiToken bearer token for {@code /api/}; empty means the API answers loopback clients only
 * @param store the impression store
 * @param venues the venues
 * @param gateways the gateways, each serving one venue
 * @param radius the embedded RADIUS server
 * @param accounts staff sign-in: session lengths and login throttling
 * @param metrics who may read {@code /metrics}
 * @param counting how many counted events one device and one source address may add to a venue's figures
 */
public record PortalConfig(
        HttpSettings http,
        Path dataDir,
        Path pagesDir,
        String campaign,
        Duration visitLifetime,
        String apiToken,
        StoreSettings store,
        List<VenueSettings> venues,
        List<GatewaySettings> gateways,
        RadiusSettings radius,
        AccountSettings accounts,
        MetricsSettings metrics,
        CountingSettings counting) {

    public PortalConfig {
        venues = List.copyOf(venues);
        gateways = List.copyOf(gateways);
    }

    @Override
    public String toString() {
        return "PortalConfig[http=" + http + ", dataDir=" + dataDir + ", pagesDir=" + pagesDir + ", campaign=" + campaign
                + ", apiToken=" + (apiToken.isEmpty() ? "(none)" : "(hidden)") + ", store=" + store + ", venues=" + venues.size()
                + ", gateways=" + gateways.size() + ", radius=" + (radius.enabled() ? radius.clients().size() + " clients" : "off") + "]";
    }
}
