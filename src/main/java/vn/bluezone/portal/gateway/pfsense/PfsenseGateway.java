package vn.bluezone.portal.gateway.pfsense;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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
 * pfSense captive portal with RADIUS authentication. pfSense's portal page (shipped in
 * {@code deploy/pfsense/}) forwards visitors to {@code /pfsense/<gateway id>/?portal_action=..&zone=..
 * &redirurl=..&client_mac=..&client_ip=..}; after the notice the browser posts a one-time grant token as
 * {@code auth_user}/{@code auth_pass} to {@code portal_action}, and pfSense asks the portal's RADIUS server.
 * {@code portal_action} must be http(s) on a private address (or the configured one).
 */
public final class PfsenseGateway implements Gateway {
    private static final Pattern ZONE = Pattern.compile("[a-z0-9_]{1,32}");

    private final GatewaySettings settings;
    private final String portalAddress;

    public PfsenseGateway(GatewaySettings settings) {
        this.settings = settings;
        this.portalAddress = settings.pfsense().portalAddress();
    }

    @Override
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public ArrivalResult arrive(GatewayRequest request) {
        QueryString query = QueryString.parse(request.rawQuery().replace('+', ' '));
        Optional<String> action = query.get("portal_action").flatMap(url -> GatewayAddresses.lanUrl(url, portalAddress, true));
        if (action.isEmpty()) {
            return new ArrivalResult.Rejected("portal_action is not an http(s) URL on the firewall's own address");
        }
        String zone = query.get("zone").orElse("");
        if (!ZONE.matcher(zone).matches()) {
            return new ArrivalResult.Rejected("zone '" + zone + "' is not a pfSense zone name");
        }
        Optional<String> mac = DeviceKeys.normalizeMac(query.get("client_mac").orElse(""));
        if (mac.isEmpty()) {
            return new ArrivalResult.Rejected("client_mac is not a MAC address");
        }
        String ip = query.get("client_ip").filter(GatewayAddresses::isPrivateIpv4).orElse(request.sourceAddress());
        return new Arrival(mac.get(), ip, OriginUrl.sanitize(query.get("redirurl").orElse("")),
                Map.of("action", action.get(), "zone", zone));
    }

    @Override
    public GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login) {
        GrantToken token = login.get();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("auth_user", token.userName());
        fields.put("auth_pass", token.password());
        fields.put("zone", grant.get("zone"));
        fields.put("redirurl", landingUrl);
        fields.put("accept", "Continue");
        return new GrantStep.PostForm(grant.get("action"), fields);
    }
}
