package vn.bluezone.portal.gateway.coova;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * CoovaChilli's UAM arithmetic, as chilli's {@code redir.c} and {@code hotspotlogin.cgi} do it:
 * the challenge the RADIUS server sees, the CHAP response the browser hands to {@code /logon}, and the
 * {@code md} checksum chilli appends to its redirect.
 */
final class ChilliChap {
    private ChilliChap() {
    }

    /** The CHAP-Challenge chilli sends to RADIUS: MD5(challenge bytes, uamsecret), or the challenge itself without a secret. */
    static byte[] radiusChallenge(String challengeHex, String uamsecret) {
        byte[] challenge = HexFormat.of().parseHex(challengeHex);
        if (uamsecret.isEmpty()) {
            return challenge;
        }
        MessageDigest md5 = md5();
        md5.update(challenge);
        md5.update(uamsecret.getBytes(StandardCharsets.UTF_8));
        return md5.digest();
    }

    /** The {@code response} parameter of {@code /logon}: hex MD5(ident 0, password, radius challenge). */
    static String response(String password, String challengeHex, String uamsecret) {
        MessageDigest md5 = md5();
        md5.update((byte) 0);
        md5.update(password.getBytes(StandardCharsets.UTF_8));
        md5.update(radiusChallenge(challengeHex, uamsecret));
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The {@code md} chilli appends: upper-case hex MD5 of the URL before {@code &md=}, followed by the uamsecret. */
    static String urlChecksum(String urlBeforeMd, String uamsecret) {
        MessageDigest md5 = md5();
        md5.update(urlBeforeMd.getBytes(StandardCharsets.UTF_8));
        md5.update(uamsecret.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md5.digest()).toUpperCase(Locale.ROOT);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
