package vn.bluezone.portal.gateway.opennds;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * openNDS as a Forward Authentication Service client, levels 1 (base64) and 2 (AES-256-CBC).
 * The gateway redirects visitors to {@code /opennds/<gateway id>/?fas=...[&iv=...]}; after the notice the
 * visitor's browser is sent to {@code http://<gatewayaddress>/<authdir>/?tok=<sha256(hid+faskey)>&redir=...}.
 *
 * <p>openNDS 9.10 crashes on an auth request without {@code tok}, or with a wrong {@code tok} and no
 * {@code redir}: the grant URL always carries both.
 */
public final class OpenNdsGateway implements Gateway {
    private static final Pattern HID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern IV = Pattern.compile("[0-9A-Za-z]{16}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_AND_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final Pattern AUTHDIR = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A FAS payload is a few hundred bytes; anything much larger is not from openNDS. */
    private static final int MAX_FAS_CHARS = 6000;

    private final GatewaySettings settings;
    private final GatewaySettings.OpenNdsSettings openNds;
    private final FasCipher cipher;

    public OpenNdsGateway(GatewaySettings settings) {
        this.settings = settings;
        this.openNds = settings.openNds();
        this.cipher = new FasCipher(openNds.faskey());
    }

    @Override
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public ArrivalResult arrive(GatewayRequest request) {
        QueryString query = QueryString.parse(request.rawQuery());
        if (query.get("status").filter("authenticated"::equals).isPresent()) {
            return new ArrivalResult.AlreadyOnline("");
        }
        Optional<String> fas = query.get("fas").map(f -> f.replace(' ', '+'));
        if (fas.isEmpty() || fas.get().isEmpty()) {
            return new ArrivalResult.Rejected("no fas parameter (level 0 is not supported; set fas_secure_enabled 1 or 2)");
        }
        if (fas.get().length() > MAX_FAS_CHARS) {
            return new ArrivalResult.Rejected("fas parameter of " + fas.get().length() + " characters is too long");
        }
        Optional<String> iv = query.get("iv");
        Optional<String> plain;
        if (iv.isPresent()) {
            if (!IV.matcher(iv.get()).matches()) {
                return new ArrivalResult.Rejected("iv is not 16 letters and digits");
            }
            plain = cipher.decrypt(fas.get(), iv.get());
            if (plain.isEmpty()) {
                return new ArrivalResult.Rejected("level 2 payload does not decrypt with this gateway's faskey");
            }
        } else if (openNds.minLevel() >= 2) {
            return new ArrivalResult.Rejected("level 1 payload but the gateway is configured for level 2 (min-level)");
        } else {
            plain = base64(fas.get());
            if (plain.isEmpty()) {
                return new ArrivalResult.Rejected("fas parameter is not valid base64 text");
            }
        }
        return arrival(FasPayload.parse(plain.get()));
    }

    private ArrivalResult arrival(FasPayload payload) {
        Optional<String> hid = payload.raw("hid").filter(h -> HID.matcher(h).matches());
        if (hid.isEmpty()) {
            return new ArrivalResult.Rejected("hid missing or not 64 hex characters");
        }
        Optional<String> mac = payload.decoded("clientmac").flatMap(DeviceKeys::normalizeMac);
        if (mac.isEmpty()) {
            return new ArrivalResult.Rejected("clientmac missing or not a MAC address");
        }
        Optional<String> clientIp = payload.decoded("clientip").filter(ip -> IPV4.matcher(ip).matches() || ip.matches("[0-9a-fA-F:]{2,39}"));
        if (clientIp.isEmpty()) {
            return new ArrivalResult.Rejected("clientip missing or not an IP address");
        }
        Optional<String> address = payload.decoded("gatewayaddress").filter(this::acceptableGatewayAddress);
        if (address.isEmpty()) {
            return new ArrivalResult.Rejected("gatewayaddress missing or not an allowed gateway address");
        }
        String authdir = payload.decoded("authdir").orElse("opennds_auth");
        if (!AUTHDIR.matcher(authdir).matches()) {
            return new ArrivalResult.Rejected("authdir is not a plain folder name");
        }
        if (!openNds.gatewayName().isEmpty()) {
            String name = payload.decoded("gatewayname").orElse("");
            int node = name.indexOf(" Node:");
            String bare = (node >= 0 ? name.substring(0, node) : name).strip();
            if (!bare.equals(openNds.gatewayName())) {
                return new ArrivalResult.Rejected("gatewayname does not match the configured gateway-name");
            }
        }
        String origin = OriginUrl.sanitize(payload.decoded("originurl").orElse(""));
        return new Arrival(mac.get(), clientIp.get(), origin, Map.of(
                "address", address.get(),
                "authdir", authdir,
                "tok", cipher.grantToken(hid.get())));
    }

    private boolean acceptableGatewayAddress(String address) {
        if (!openNds.gatewayAddress().isEmpty()) {
            return openNds.gatewayAddress().equals(address);
        }
        var m = IPV4_AND_PORT.matcher(address);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
            return false;
        }
        return GatewayAddresses.isPrivateIpv4(m.group(1));
    }

    private static Optional<String> base64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            return decoded.contains("hid=") ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login) {
        return new GrantStep.Redirect("http://" + grant.get("address") + "/" + grant.get("authdir") + "/?tok=" + grant.get("tok")
                + "&redir=" + URLEncoder.encode(landingUrl, StandardCharsets.UTF_8));
    }
}
