package vn.bluezone.portal.gateway.meraki;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.GatewayAddresses;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;
import vn.bluezone.portal.gateway.OriginUrl;
import vn.bluezone.portal.gateway.QueryString;

/**
 * Meraki-style click-through: the access point's cloud redirects visitors to
 * {@code /meraki/<gateway id>/?base_grant_url=..&user_continue_url=..&client_mac=..&client_ip=..}; after the
 * notice the browser goes to {@code <base_grant_url>?continue_url=<welcome page>&duration=<seconds>}, and the
 * cloud lets the device online for that long. The grant URL must be on the configured domain
 * ({@code network-auth.com} by default) and use https, so the visitor is never sent anywhere else.
 * Click-through carries no secret: the notice is shown, but a device could skip it by calling the grant URL.
 */
public final class MerakiGateway implements Gateway {
    private final GatewaySettings settings;
    private final GatewaySettings.MerakiSettings meraki;

    public MerakiGateway(GatewaySettings settings) {
        this.settings = settings;
        this.meraki = settings.meraki();
    }

    @Override
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public ArrivalResult arrive(GatewayRequest request) {
        QueryString query = QueryString.parse(request.rawQuery().replace('+', ' '));
        Optional<String> grant = query.get("base_grant_url").flatMap(this::grantUrl);
        if (grant.isEmpty()) {
            return new ArrivalResult.Rejected("base_grant_url is not an https URL on " + meraki.grantDomain());
        }
        Optional<String> mac = DeviceKeys.normalizeMac(query.get("client_mac").orElse(""));
        if (mac.isEmpty()) {
            return new ArrivalResult.Rejected("client_mac is not a MAC address");
        }
        String ip = query.get("client_ip").filter(GatewayAddresses::isPrivateIpv4).orElse(request.sourceAddress());
        return new Arrival(mac.get(), ip, OriginUrl.sanitize(query.get("user_continue_url").orElse("")), Map.of("grant", grant.get()));
    }

    private Optional<String> grantUrl(String candidate) {
        try {
            URI uri = new URI(candidate);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean onDomain = host.equals(meraki.grantDomain()) || host.endsWith("." + meraki.grantDomain());
            return "https".equals(uri.getScheme()) && onDomain && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                    ? Optional.of(uri.toASCIIString()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login) {
        return new GrantStep.Redirect(grant.get("grant") + "?continue_url=" + URLEncoder.encode(landingUrl, StandardCharsets.UTF_8)
                + "&duration=" + meraki.duration().toSeconds());
    }
}
