package vn.bluezone.portal.access;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;

/**
 * Turns a device's MAC address into a stable pseudonymous key (a keyed HMAC), so that devices can be
 * counted without the raw MAC ever being stored. Without the portal's secret the key cannot be reversed
 * or recomputed from a list of MACs.
 */
public final class DeviceKeys {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-]?[0-9a-f]{2}){5}");

    /** Mac objects are costly to set up and not thread-safe: one per thread, keyed once. */
    private final ThreadLocal<Mac> macs;

    public DeviceKeys(byte[] key) {
        this.macs = KeyedHashes.hmacSha256(key);
    }

    /** The MAC in canonical form {@code aa:bb:cc:dd:ee:ff}, or empty if it is not a MAC address. */
    public static Optional<String> normalizeMac(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(lower).matches()) {
            return Optional.empty();
        }
        String hex = lower.replace(":", "").replace("-", "");
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return Optional.of(out.toString());
    }

    /** Key of a device known by its MAC address (already normalised). */
    public String forMac(String normalizedMac) {
        return hash("mac:" + normalizedMac);
    }

    /** Key of a visitor whose gateway does not tell the MAC (the demo venue): the source address stands in. */
    public String forAddress(String address) {
        return hash("ip:" + address);
    }

    private String hash(String input) {
        byte[] digest = macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
