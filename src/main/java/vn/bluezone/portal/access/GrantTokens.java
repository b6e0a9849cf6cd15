package vn.bluezone.portal.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * Issues and checks {@link GrantToken}s. The user name is {@code bz1.} followed by base64url of nonce
 * (9 bytes), expiry (seconds, 4), device tag (8), venue tag (4), language (3) and an HMAC-SHA256 tag over
 * them (14 bytes): 42 bytes, 56 characters. The password is a second HMAC of the user name. Tokens are
 * bound to the device (the NAS's Calling-Station-Id must hash to the same device key) and to the venue.
 */
public final class GrantTokens {
    static final String PREFIX = "bz1.";
    private static final int NONCE = 9;
    private static final int PAYLOAD = NONCE + 4 + 8 + 4 + 3;
    private static final int TAG = 14;
    private static final int ENCODED_LENGTH = PREFIX.length() + (PAYLOAD + TAG) * 4 / 3;

    /** Why a user name is not a usable token. */
    public enum Problem { INVALID, EXPIRED, WRONG_DEVICE, WRONG_VENUE }

    /** A checked token, or the problem with it (the language is known whenever the signature is valid). */
    public record Checked(GrantToken token, Problem problem, String language) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final ThreadLocal<Mac> signer;
    private final ThreadLocal<Mac> passwords;
    private final InstantSource clock;
    private final Duration lifetime;

    /** Tokens signed with keys derived from the portal's secret, so every node of a fleet checks every other's. */
    public static GrantTokens fromSecrets(PortalSecrets secrets, InstantSource clock, Duration lifetime) {
        return new GrantTokens(secrets.derive("grant-token"), secrets.derive("grant-password"), clock, lifetime);
    }

    GrantTokens(byte[] signingKey, byte[] passwordKey, InstantSource clock, Duration lifetime) {
        this.signer = KeyedHashes.hmacSha256(signingKey);
        this.passwords = KeyedHashes.hmacSha256(passwordKey);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Whether a RADIUS User-Name is meant as a grant token (as opposed to a MAC address or anything else). */
    public static boolean looksLikeToken(String userName) {
        return userName != null && userName.startsWith(PREFIX);
    }

    /** A new token for a device at a venue, valid for the configured lifetime. */
    public GrantToken issue(String deviceKey, String venue, String language) {
        byte[] nonce = new byte[NONCE];
        RandomBytes.fill(nonce);
        Instant expires = clock.instant().plus(lifetime);
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD + TAG)
                .put(nonce)
                .putInt((int) expires.getEpochSecond())
                .put(deviceTag(deviceKey))
                .put(venueTag(venue))
                .put(languageBytes(language));
        Mac mac = signer.get();
        mac.update(payload.array(), 0, PAYLOAD);
        payload.put(mac.doFinal(), 0, TAG);
        String userName = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
        return new GrantToken(userName, passwordFor(userName), HexFormat.of().formatHex(nonce),
                Instant.ofEpochSecond(expires.getEpochSecond()), language);
    }

    /** The password that belongs to a user name (only meaningful once {@link #check} accepted the name). */
    public String passwordFor(String userName) {
        byte[] digest = passwords.get().doFinal(userName.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    /**
     * Checks a user name presented by a NAS of {@code venue} for the device {@code deviceKey} (from its
     * Calling-Station-Id). Says nothing about the password or whether the token was redeemed before.
     */
    public Checked check(String userName, String venue, String deviceKey) {
        if (!looksLikeToken(userName) || userName.length() != ENCODED_LENGTH) {
            return new Checked(null, Problem.INVALID, "");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(userName.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return new Checked(null, Problem.INVALID, "");
        }
        if (raw.length != PAYLOAD + TAG) {
            return new Checked(null, Problem.INVALID, "");
        }
        Mac mac = signer.get();
        mac.update(raw, 0, PAYLOAD);
        byte[] expected = Arrays.copyOf(mac.doFinal(), TAG);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, PAYLOAD, PAYLOAD + TAG))) {
            return new Checked(null, Problem.INVALID, "");
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        byte[] nonce = new byte[NONCE];
        in.get(nonce);
        Instant expires = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
        byte[] device = new byte[8];
        in.get(device);
        byte[] venueBytes = new byte[4];
        in.get(venueBytes);
        byte[] lang = new byte[3];
        in.get(lang);
        String language = new String(lang, StandardCharsets.US_ASCII).strip();
        GrantToken token = new GrantToken(userName, passwordFor(userName), HexFormat.of().formatHex(nonce), expires, language);
        if (!clock.instant().isBefore(expires)) {
            return new Checked(null, Problem.EXPIRED, language);
        }
        if (!MessageDigest.isEqual(venueBytes, venueTag(venue))) {
            return new Checked(null, Problem.WRONG_VENUE, language);
        }
        if (deviceKey == null || !MessageDigest.isEqual(device, deviceTag(deviceKey))) {
            return new Checked(null, Problem.WRONG_DEVICE, language);
        }
        return new Checked(token, null, language);
    }

    private static byte[] deviceTag(String deviceKey) {
        return Arrays.copyOf(sha256(deviceKey), 8);
    }

    private static byte[] venueTag(String venue) {
        return Arrays.copyOf(sha256(venue), 4);
    }

    private static byte[] languageBytes(String language) {
        byte[] out = {' ', ' ', ' '};
        if (language != null && language.matches("[a-z]{2,3}")) {
            byte[] b = language.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, out, 0, b.length);
        }
        return out;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
