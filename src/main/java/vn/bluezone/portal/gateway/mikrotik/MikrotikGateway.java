package vn.bluezone.portal.gateway.mikrotik;

import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * MikroTik RouterOS hotspot with an external login page. The router's {@code login.html} (shipped in
 * {@code deploy/mikrotik/}) sends the visitor to {@code /mikrotik/<gateway id>/?mac=..&ip=..
 * &link-login-only=..&link-orig=..&chap-id=..&chap-challenge=..}. After the notice the browser posts a
 * one-time grant token to {@code link-login-only} with the CHAP-hashed password, and RouterOS asks the
 * portal's RADIUS server. Nothing in the redirect is signed: the router's address must be private (or the
 * configured one), and the token is bound to the device and venue.
 */
public final class MikrotikGateway implements Gateway {
    private final GatewaySettings settings;
    private final String hotspotAddress;

    public MikrotikGateway(GatewaySettings settings) {
        this.settings = settings;
        this.hotspotAddress = settings.mikrotik().hotspotAddress();
    }

    @Override
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public ArrivalResult arrive(GatewayRequest request) {
        QueryString query = QueryString.parse(request.rawQuery().replace('+', ' '));
        Optional<String> login = query.get("link-login-only").flatMap(url -> GatewayAddresses.lanUrl(url, hotspotAddress, false));
        if (login.isEmpty()) {
            return new ArrivalResult.Rejected("link-login-only is not an http(s) URL on the hotspot's own address");
        }
        Optional<byte[]> chapId = query.get("chap-id").flatMap(RouterChap::decode).filter(b -> b.length == 1);
        Optional<byte[]> challenge = query.get("chap-challenge").flatMap(RouterChap::decode).filter(b -> b.length == 16);
        if (chapId.isEmpty() || challenge.isEmpty()) {
            return new ArrivalResult.Rejected("chap-id and chap-challenge are missing or not RouterOS's octal text "
                    + "(set the hotspot profile's login-by to http-chap)");
        }
        Optional<String> mac = DeviceKeys.normalizeMac(query.get("mac").orElse(""));
        if (mac.isEmpty()) {
            return new ArrivalResult.Rejected("mac is not a MAC address");
        }
        String ip = query.get("ip").filter(GatewayAddresses::isPrivateIpv4).orElse(request.sourceAddress());
        return new Arrival(mac.get(), ip, OriginUrl.sanitize(query.get("link-orig").orElse("")), Map.of(
                "login", login.get(),
                "chap-id", HexFormat.of().formatHex(chapId.get()),
                "chap-challenge", HexFormat.of().formatHex(challenge.get())));
    }

    @Override
    public GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login) {
        GrantToken token = login.get();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", token.userName());
        fields.put("password", RouterChap.password(HexFormat.of().parseHex(grant.get("chap-id")), token.password(),
                HexFormat.of().parseHex(grant.get("chap-challenge"))));
        fields.put("dst", landingUrl);
        fields.put("popup", "false");
        return new GrantStep.PostForm(grant.get("login"), fields);
    }
}
