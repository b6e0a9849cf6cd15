package vn.bluezone.portal.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Arbitrary and adversarial input for property tests: whatever a browser, a forged redirect or a script may send.
 * Values that would be dangerous if echoed carry {@link #MARKER}, so a test can tell an unescaped echo from an
 * escaped one.
 */
public final class HostileInput {
    /** Present, unescaped, only if the portal echoed input into a page without escaping it. */
    public static final String MARKER = "<b7x";

    private static final List<String> ADVERSARIAL = List.of(
            "", " ", "%", "%%", "%00", "%ZZ", "\u0000", "\r\nSet-Cookie: x=1", "..%2f..%2fetc%2fpasswd", "../../etc/passwd",
            MARKER + ">alert(1)</b7x>", "\"><b7x onerror=1>", "'><b7x>", "javascript:alert(1)", "data:text/html,<b7x>",
            "//evil.example/", "///evil.example", "http://evil.example/", "https://evil.example@10.0.0.1/", "http://10.0.0.1@evil.example/",
            "http://010.0.0.1/", "http://0x7f.1/", "http://[::1]/", "http://10.0.0.1:99999/", "http:\\\\evil.example",
            "\\\\evil.example", "/\\evil.example", "http://evil.example\\@10.0.0.1/", "https://n1.network-auth.com.evil.example/grant",
            "02:00:00:00:00:01", "ff:ff:ff:ff:ff:ff", "02-00-0A-E7-01-0A", "zz:zz", "0200000000011", "10.231.1.1:2050",
            "2026-11-29", "2026-02-30", "-999999999-01-01", "+10000-01-01", "2026-13", "all", "demo", "hue-station", "HUE-STATION",
            "9".repeat(40), "-1", "NaN", "1e309", "\uD83D\uDE00", "\uD800", "Đường phố Huế", "\u202Eevil", "\t\n",
            "a".repeat(3000), "A".repeat(300) + "==", "@@@not-base64@@@", "bz_" + "A".repeat(43));

    private HostileInput() {
    }

    /** One value: arbitrary Unicode, printable ASCII, one of the adversarial ones, or two of them joined. */
    public static Arbitrary<String> values() {
        Arbitrary<String> adversarial = Arbitraries.of(ADVERSARIAL);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, adversarial),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(adversarial, adversarial).as(String::concat)));
    }

    /** A form or query string: the given names, some of them left out or repeated, with {@link #values()}. */
    public static Arbitrary<String> form(String... names) {
        Arbitrary<String> pair = Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.of(names), Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12))
                .flatMap(name -> values().map(value -> encode(name) + "=" + encode(value)));
        return pair.list().ofMaxSize(names.length + 2).map(pairs -> String.join("&", pairs));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Whether a redirect stays where the portal may send a visitor: the portal itself (a path, or its own origin), a
     * hotspot gateway's LAN side (private IPv4), the campaign's app stores, or a Meraki-style grant domain.
     */
    public static boolean allowedRedirect(String location, int portalPort) {
        if (location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")) {
            return true;
        }
        Optional<URI> uri = parse(location);
        if (uri.isEmpty() || uri.get().getHost() == null || uri.get().getRawUserInfo() != null) {
            return false;
        }
        String host = uri.get().getHost();
        String scheme = uri.get().getScheme();
        return ("http".equals(scheme) || "https".equals(scheme)) && (host.equals("127.0.0.1") && uri.get().getPort() == portalPort
                || PRIVATE_IPV4.matcher(host).matches() || host.equals("apps.apple.com") || host.equals("play.google.com")
                || host.endsWith(".network-auth.com"));
    }

    private static final Pattern PRIVATE_IPV4 = Pattern.compile(
            "(10\\.\\d{1,3}|172\\.(1[6-9]|2\\d|3[01])|192\\.168|100\\.(6[4-9]|[7-9]\\d|1[01]\\d|12[0-7])|169\\.254)\\.\\d{1,3}\\.\\d{1,3}");

    private static Optional<URI> parse(String location) {
        try {
            return Optional.of(new URI(location));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
