package vn.bluezone.portal.gateway.coova;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
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
 * CoovaChilli UAM. Chilli redirects visitors to {@code /coova/<gateway id>/?res=notyet&uamip=..&uamport=..
 * &challenge=..&mac=..&ip=..&userurl=..&md=..}; the {@code md} checksum (keyed with the uamsecret) is
 * verified over the whole URL. After the notice the browser goes to
 * {@code http://uamip:uamport/logon?username=<grant token>&response=<CHAP>&userurl=<welcome page>}, and
 * chilli asks the portal's RADIUS server, which accepts the token once.
 */
public final class CoovaGateway implements Gateway {
    private static final Pattern CHALLENGE = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern MD = Pattern.compile("&md=([0-9A-Fa-f]{32})$");

    private final GatewaySettings settings;
    private final GatewaySettings.CoovaSettings coova;

    public CoovaGateway(GatewaySettings settings) {
        this.settings = settings;
        this.coova = settings.coova();
    }

    @Override
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public boolean needsRequestUrl() {
        return true;
    }

    @Override
    public ArrivalResult arrive(GatewayRequest request) {
        Matcher md = MD.matcher(request.rawQuery());
        if (!md.find()) {
            return new ArrivalResult.Rejected("no md checksum (set uamsecret on chilli and in the portal)");
        }
        String signed = request.requestUrl() + "?" + request.rawQuery().substring(0, md.start());
        String expected = ChilliChap.urlChecksum(signed, coova.uamsecret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                md.group(1).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new ArrivalResult.Rejected("md checksum does not match (wrong uamsecret, a tampered URL, or uamserver is not "
                    + request.requestUrl() + ")");
        }
        QueryString query = QueryString.parse(request.rawQuery());
        String res = query.get("res").orElse("");
        if (res.equals("success") || res.equals("already")) {
            return new ArrivalResult.AlreadyOnline(OriginUrl.sanitize(query.get("userurl").orElse("")));
        }
        if (!(res.equals("notyet") || res.equals("failed") || res.equals("logoff"))) {
            return new ArrivalResult.Rejected("res=" + res + " is not a state the notice handles");
        }
        String uamip = query.get("uamip").orElse("");
        String uamport = query.get("uamport").orElse("");
        if (!PORT.matcher(uamport).matches() || Integer.parseInt(uamport) < 1 || Integer.parseInt(uamport) > 65535) {
            return new ArrivalResult.Rejected("uamport '" + uamport + "' is not a port");
        }
        if (coova.uamAddress().isEmpty() ? !GatewayAddresses.isPrivateIpv4(uamip) : !coova.uamAddress().equals(uamip + ":" + uamport)) {
            return new ArrivalResult.Rejected("uamip:uamport " + uamip + ":" + uamport + " is not this gateway's address");
        }
        String challenge = query.get("challenge").orElse("");
        if (!CHALLENGE.matcher(challenge).matches()) {
            return new ArrivalResult.Rejected("challenge is not 32 hex digits");
        }
        Optional<String> mac = DeviceKeys.normalizeMac(query.get("mac").orElse(""));
        if (mac.isEmpty()) {
            return new ArrivalResult.Rejected("mac is not a MAC address");
        }
        String ip = query.get("ip").filter(a -> IPV4.matcher(a).matches()).orElse(request.sourceAddress());
        return new Arrival(mac.get(), ip, OriginUrl.sanitize(query.get("userurl").orElse("")),
                Map.of("uamip", uamip, "uamport", uamport, "challenge", challenge.toLowerCase(Locale.ROOT)));
    }

    @Override
    public GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login) {
        GrantToken token = login.get();
        return new GrantStep.Redirect("http://" + grant.get("uamip") + ":" + grant.get("uamport") + "/logon?username="
                + URLEncoder.encode(token.userName(), StandardCharsets.UTF_8)
                + "&response=" + ChilliChap.response(token.password(), grant.get("challenge"), coova.uamsecret())
                + "&userurl=" + URLEncoder.encode(landingUrl, StandardCharsets.UTF_8));
    }
}
