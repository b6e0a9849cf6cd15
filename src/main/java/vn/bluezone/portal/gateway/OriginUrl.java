package vn.bluezone.portal.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The page a visitor first asked for: kept only if it is a plain absolute http(s) URL, so it can never become an open redirect to another scheme. */
public final class OriginUrl {
    private static final int MAX_LENGTH = 2048;

    private OriginUrl() {
    }

    /** The URL if it is safe to send the visitor to, otherwise an empty string. */
    public static String sanitize(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return "";
        }
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return "";
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
