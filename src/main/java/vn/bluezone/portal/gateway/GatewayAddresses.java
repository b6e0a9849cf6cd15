package vn.bluezone.portal.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a hotspot gateway's LAN side can be: the only addresses a visitor may be sent back to unless configured. */
public final class GatewayAddresses {
    /** Dotted decimal without leading zeros: browsers read {@code 010.0.0.1} as octal, i.e. 8.0.0.1. */
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");

    private GatewayAddresses() {
    }

    /**
     * A URL on the gateway's LAN side: http or https, no user info, and its host either exactly
     * {@code pinnedHost} or, when that is empty, a private IPv4 address.
     *
     * @param allowQuery whether the URL may carry a query (pfSense's {@code ?zone=}), or must not (RouterOS's login)
     * @return the URL in ASCII form, or empty if it is anything else
     */
    public static Optional<String> lanUrl(String candidate, String pinnedHost, boolean allowQuery) {
        try {
            URI uri = new URI(candidate);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            String host = uri.getHost();
            boolean lan = host != null && (pinnedHost.isEmpty() ? isPrivateIpv4(host) : pinnedHost.equals(host));
            boolean queryOk = allowQuery || uri.getRawQuery() == null;
            return web && lan && queryOk && uri.getRawUserInfo() == null ? Optional.of(uri.toASCIIString()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** RFC 1918, carrier-grade NAT (RFC 6598) and link-local ranges. */
    public static boolean isPrivateIpv4(String ip) {
        Matcher m = IPV4.matcher(ip);
        if (!m.matches()) {
            return false;
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        if (a > 255 || b > 255 || Integer.parseInt(m.group(3)) > 255 || Integer.parseInt(m.group(4)) > 255) {
            return false;
        }
        return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                || (a == 100 && b >= 64 && b <= 127) || (a == 169 && b == 254);
    }
}
