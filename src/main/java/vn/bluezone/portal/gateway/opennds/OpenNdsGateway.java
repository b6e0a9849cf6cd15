package vn.bluezone.portal.gateway.opennds;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.GatewayAddresses;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;
import vn.bluezone.portal.gateway.OriginUrl;
import vn.bluezone.portal.gateway.QueryString;

/**
 * openNDS as a Forward Authentication Service client, at the level configured for the gateway
 * ({@code fas_secure_enabled}); redirects of any other level are refused. The gateway redirects visitors to
 * {@code /opennds/<gateway id>/?...}:
 * <ul>
 *   <li>level 0: {@code ?authaction=http://<gw>/opennds_auth/?clientip=...&gatewayname=...&tok=<8 hex>&redir=...}
 *       (clear token, no MAC: anyone can forge it);</li>
 *   <li>levels 1 and 4: {@code ?fas=<base64 payload>}; levels 2 and 3: {@code ?fas=...&iv=...} (AES-256-CBC).</li>
 * </ul>
 * After the notice, at levels 0 to 2 the visitor's browser is sent to
 * {@code http://<gatewayaddress>/<authdir>/?tok=...&redir=...}; at levels 3 and 4 the gateway's authmon
 * fetches the client from the portal ({@link Authmon}) and the browser never goes back to the gateway.
 *
 * <p>openNDS 9.10 crashes on an auth request without {@code tok}, or with a wrong {@code tok} and no
 * {@code redir}: the grant URL always carries both.
 */
public final class OpenNdsGateway implements Gateway {
    private static final Pattern HID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CLEAR_TOKEN = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern IV = Pattern.compile("[0-9A-Za-z]{16}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_AND_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final Pattern AUTHDIR = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern AUTH_PATH = Pattern.compile("/([A-Za-z0-9_-]{1,64})/");
    /** A FAS payload is a few hundred bytes; anything much larger is not from openNDS. */
    private static final int MAX_FAS_CHARS = 6000;
    private static final long KIB_PER_MIB = 1024;

    private final GatewaySettings settings;
    private final GatewaySettings.OpenNdsSettings openNds;
    private final VenueSettings venue;
    private final FasCipher cipher;

    /** @param venue the venue the gateway serves: its session limits go to authmon at levels 3 and 4 */
    public OpenNdsGateway(GatewaySettings settings, VenueSettings venue) {
        this.settings = settings;
        this.openNds = settings.openNds();
        this.venue = venue;
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
        if (openNds.level() == 0) {
            return fas.isPresent()
                    ? new ArrivalResult.Rejected("fas payload but the gateway is configured for level 0 (set level: to its fas_secure_enabled)")
                    : arriveInClear(query);
        }
        if (fas.isEmpty() || fas.get().isEmpty()) {
            return new ArrivalResult.Rejected("no fas parameter: the gateway is configured for level " + openNds.level());
        }
        if (fas.get().length() > MAX_FAS_CHARS) {
            return new ArrivalResult.Rejected("fas parameter of " + fas.get().length() + " characters is too long");
        }
        Optional<String> iv = query.get("iv");
        if (iv.isPresent() != openNds.encrypted()) {
            return new ArrivalResult.Rejected((iv.isPresent() ? "encrypted" : "unencrypted") + " payload but the gateway is configured for level "
                    + openNds.level() + " (set level: to its fas_secure_enabled)");
        }
        Optional<String> plain;
        if (iv.isPresent()) {
            if (!IV.matcher(iv.get()).matches()) {
                return new ArrivalResult.Rejected("iv is not 16 letters and digits");
            }
            plain = cipher.decrypt(fas.get(), iv.get());
            if (plain.isEmpty()) {
                return new ArrivalResult.Rejected("encrypted payload does not decrypt with this gateway's faskey");
            }
        } else {
            plain = base64(fas.get());
            if (plain.isEmpty()) {
                return new ArrivalResult.Rejected("fas parameter is not valid base64 text");
            }
        }
        return arrival(FasPayload.parse(plain.get()));
    }

    /** Level 0: the gateway's auth URL, the client's IP and its clear token, all in the query. */
    private ArrivalResult arriveInClear(QueryString query) {
        Optional<String> tok = query.get("tok").filter(t -> CLEAR_TOKEN.matcher(t).matches());
        if (tok.isEmpty()) {
            return new ArrivalResult.Rejected("tok missing or not 8 hex characters (level 0)");
        }
        URI authaction;
        try {
            authaction = new URI(query.get("authaction").orElse(""));
        } catch (URISyntaxException e) {
            return new ArrivalResult.Rejected("authaction is not a URL");
        }
        Matcher authdir = AUTH_PATH.matcher(authaction.getRawPath() == null ? "" : authaction.getRawPath());
        String address = authaction.getHost() + ":" + authaction.getPort();
        if (!"http".equals(authaction.getScheme()) || authaction.getRawUserInfo() != null || !authdir.matches()
                || !acceptableGatewayAddress(address)) {
            return new ArrivalResult.Rejected("authaction is not http://<allowed gateway address>/<authdir>/");
        }
        Optional<String> clientIp = QueryString.parse(authaction.getRawQuery()).get("clientip").filter(OpenNdsGateway::isIp);
        if (clientIp.isEmpty()) {
            return new ArrivalResult.Rejected("clientip missing or not an IP address");
        }
        if (!gatewayNameMatches(query.get("gatewayname").orElse(""))) {
            return new ArrivalResult.Rejected("gatewayname does not match the configured gateway-name");
        }
        String origin = OriginUrl.sanitize(query.get("redir").orElse(""));
        return new Arrival("", clientIp.get(), origin, Map.of("address", address, "authdir", authdir.group(1), "tok", tok.get()));
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
        Optional<String> clientIp = payload.decoded("clientip").filter(OpenNdsGateway::isIp);
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
        if (!gatewayNameMatches(payload.decoded("gatewayname").orElse(""))) {
            return new ArrivalResult.Rejected("gatewayname does not match the configured gateway-name");
        }
        String origin = OriginUrl.sanitize(payload.decoded("originurl").orElse(""));
        String tok = cipher.grantToken(hid.get());
        if (openNds.authmon()) {
            Optional<String> name = payload.raw("gatewayname");
            if (name.isEmpty()) {
                return new ArrivalResult.Rejected("gatewayname missing: authmon is known by its hash");
            }
            return new Arrival(mac.get(), clientIp.get(), origin, Map.of("tok", tok, "poller", Authmon.gatewayHash(name.get())));
        }
        return new Arrival(mac.get(), clientIp.get(), origin, Map.of("address", address.get(), "authdir", authdir, "tok", tok));
    }

    private boolean gatewayNameMatches(String name) {
        if (openNds.gatewayName().isEmpty()) {
            return true;
        }
        int node = name.indexOf(" Node:");
        String bare = (node >= 0 ? name.substring(0, node) : name).strip();
        return bare.equals(openNds.gatewayName());
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

    private static boolean isIp(String ip) {
        return IPV4.matcher(ip).matches() || ip.matches("[0-9a-fA-F:]{2,39}");
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
        if (openNds.authmon()) {
            return new GrantStep.Polled(grant.get("poller"), grant.get("tok"), authmonLine(grant.get("tok")));
        }
        return new GrantStep.Redirect("http://" + grant.get("address") + "/" + grant.get("authdir") + "/?tok=" + grant.get("tok")
                + "&redir=" + URLEncoder.encode(landingUrl, StandardCharsets.UTF_8));
    }

    /**
     * What authmon passes to {@code ndsctl auth}: rhid, session minutes, upload and download rate (kbit/s),
     * upload and download quota (kB), custom data; 0 = no limit. The session ends when the notice is due again.
     */
    private String authmonLine(String rhid) {
        VenueSettings.SessionLimits limits = venue.limits();
        long minutes = Math.max(1, Math.min(limits.sessionTimeout().toMinutes(), venue.remindEvery().toMinutes()));
        String custom = Base64.getEncoder().encodeToString(("venue=" + venue.code()).getBytes(StandardCharsets.UTF_8));
        return Authmon.entry(rhid, minutes, limits.uploadKbps(), limits.downloadKbps(), limits.uploadQuotaMb() * KIB_PER_MIB,
                limits.downloadQuotaMb() * KIB_PER_MIB, custom);
    }
}
