package vn.bluezone.portal.gateway.mikrotik;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * RouterOS hotspot CHAP: {@code $(chap-id)} and {@code $(chap-challenge)} arrive as octal-escaped text
 * ({@code \371}, {@code \357\015...}); the login's password field is hex MD5(id, password, challenge).
 */
final class RouterChap {
    private RouterChap() {
    }

    /** The bytes of an octal-escaped string such as {@code \357\015}, or of plain hex; empty if it is neither. */
    static Optional<byte[]> decode(String text) {
        if (text.matches("([0-9a-fA-F]{2})+")) {
            return Optional.of(HexFormat.of().parseHex(text));
        }
        if (!text.matches("(\\\\[0-3][0-7]{2})+")) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 4);
        for (int i = 0; i < text.length(); i += 4) {
            out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
        }
        return Optional.of(out.toByteArray());
    }

    /** What RouterOS expects in the password field for CHAP login. */
    static String password(byte[] chapId, String password, byte[] chapChallenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(chapId);
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(chapChallenge);
            return HexFormat.of().formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
