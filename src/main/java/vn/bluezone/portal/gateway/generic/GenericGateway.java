package vn.bluezone.portal.gateway.generic;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Any other gateway, through a small script ({@code deploy/generic/}). The gateway sends visitors to
 * {@code /generic/<gateway id>/?mac=..&ip=..&url=..&login=..&ts=..&sig=..}, where {@code sig} is the
 * lower-case hex HMAC-SHA256, keyed with the gateway's secret, of the raw query up to {@code &sig=} (which
 * must come last) and {@code ts} the gateway's clock in Unix seconds. After the notice the browser goes to
 * {@code <login>?token=<grant token>&url=<welcome page>}; the gateway's script redeems the token at
 * {@code POST /api/gateways/<gateway id>/redeem} and lets the device online.
 * {@code login} must be exactly the configured {@code login-url}, or else an http(s) URL on a private
 * IPv4 address: the visitor is never sent anywhere else.
 */
public final class GenericGateway implements Gateway {
    /** Farthest an arrival's {@code ts} may be from the portal's clock, either way. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern SIG = Pattern.compile("&sig=([0-9A-Fa-f]{64})$");
    private static final Pattern TS = Pattern.compile("\\d{1,12}");
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final GatewaySettings settings;
    private final InstantSource clock;
    private final String pinnedLogin;
    private final ThreadLocal<Mac> signer;
    private final byte[] secretDigest;

    public GenericGateway(GatewaySettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        String configured = settings.generic().loginUrl();
        this.pinnedLogin = configured.isEmpty() ? "" : normalLoginUrl(configured)
                .orElseThrow(() -> new IllegalArgumentException("login-url is not an http(s) URL: " + configured));
        SecretKeySpec key = new SecretKeySpec(settings.generic().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.signer = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
            }
        });
        this.secretDigest = sha256(settings.generic().secret());
    }

    @Override
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public ArrivalResult arrive(GatewayRequest request) {
        String raw = request.rawQuery();
        Matcher sig = SIG.matcher(raw);
        if (!sig.find()) {
            return new ArrivalResult.Rejected("no sig at the end of the query (64 hex digits after &sig=)");
        }
        if (!signatureMatches(raw.substring(0, sig.start()), sig.group(1))) {
            return new ArrivalResult.Rejected("sig does not match (wrong secret, or the query was changed after signing)");
        }
        QueryString query = QueryString.parse(raw.substring(0, sig.start()));
        String ts = query.get("ts").orElse("");
        if (!TS.matcher(ts).matches()) {
            return new ArrivalResult.Rejected("ts '" + ts + "' is not Unix seconds");
        }
        long skew = Long.parseLong(ts) - clock.instant().getEpochSecond();
        if (Math.abs(skew) > MAX_CLOCK_SKEW.toSeconds()) {
            return new ArrivalResult.Rejected("ts is " + skew + " s from the portal's clock (more than "
                    + MAX_CLOCK_SKEW.toSeconds() + " s): check the gateway's clock (NTP)");
        }
        Optional<String> mac = DeviceKeys.normalizeMac(query.get("mac").orElse(""));
        if (mac.isEmpty()) {
            return new ArrivalResult.Rejected("mac is not a MAC address");
        }
        Optional<String> ip = clientIp(query.get("ip").orElse(""));
        if (ip.isEmpty()) {
            return new ArrivalResult.Rejected("ip is not an IPv4 or IPv6 address");
        }
        Optional<String> login = query.get("login").flatMap(this::loginUrl);
        if (login.isEmpty()) {
            return new ArrivalResult.Rejected("login is not this gateway's login address ("
                    + (pinnedLogin.isEmpty() ? "an http(s) URL on a private IPv4 address, no user, query or fragment" : pinnedLogin) + ")");
        }
        return new Arrival(mac.get(), ip.get(), OriginUrl.sanitize(query.get("url").orElse("")), Map.of("login", login.get()));
    }

    @Override
    public GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login) {
        GrantToken token = login.get();
        return new GrantStep.Redirect(grant.get("login") + "?token=" + URLEncoder.encode(token.userName(), StandardCharsets.UTF_8)
                + "&url=" + URLEncoder.encode(landingUrl, StandardCharsets.UTF_8));
    }

    /** Whether a redeem call presents this gateway's secret (in constant time). */
    public boolean acceptsSecret(String presented) {
        return presented != null && MessageDigest.isEqual(secretDigest, sha256(presented));
    }

    private boolean signatureMatches(String signed, String sig) {
        byte[] expected = HexFormat.of().formatHex(signer.get().doFinal(signed.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The login URL in its normal form, if it is this gateway's. */
    private Optional<String> loginUrl(String candidate) {
        return normalLoginUrl(candidate).filter(url -> pinnedLogin.isEmpty()
                ? GatewayAddresses.isPrivateIpv4(URI.create(url).getHost())
                : pinnedLogin.equals(url));
    }

    /**
     * {@code scheme://host:port/path} with the scheme and host in lower case and the port always written, for
     * an http(s) URL with a host and no user, query or fragment; anything else is empty.
     */
    static Optional<String> normalLoginUrl(String candidate) {
        if (candidate.length() > 1024) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A literal IPv4 (dotted decimal) or IPv6 address, IPv6 in its canonical form. */
    static Optional<String> clientIp(String candidate) {
        if (IPV4.matcher(candidate).matches()) {
            for (String part : candidate.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
            return Optional.of(candidate);
        }
        if (candidate.indexOf(':') >= 0 && IPV6_CHARS.matcher(candidate).matches()) {
            IPAddress address = new IPAddressString(candidate).getAddress();
            if (address != null && address.isIPv6() && !address.isPrefixed()) {
                return Optional.of(address.toCanonicalString());
            }
        }
        return Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
