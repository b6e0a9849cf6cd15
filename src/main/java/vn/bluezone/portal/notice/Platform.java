package vn.bluezone.portal.notice;

import java.util.Locale;

/** The visitor's phone family, which decides the store button shown. */
public enum Platform {
    IOS, ANDROID, OTHER;

    /** Reads the platform from a {@code User-Agent}; anything unrecognised (or absent) is {@link #OTHER}. */
    public static Platform fromUserAgent(String userAgent) {
        if (userAgent == null) {
            return OTHER;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("android")) {
            return ANDROID;
        }
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod") || ua.contains("captivenetworksupport")) {
            return IOS;
        }
        return OTHER;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform for a code such as {@code ios}; {@link #OTHER} for anything unknown. */
    public static Platform fromCode(String code) {
        for (Platform p : values()) {
            if (p.code().equals(code)) {
                return p;
            }
        }
        return OTHER;
    }
}
