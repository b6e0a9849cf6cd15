package vn.bluezone.portal.gateway.opennds;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography openNDS shares with a FAS through its {@code faskey}.
 * <ul>
 *   <li>Level 2/3 payload: {@code fas = base64(base64(AES-256-CBC(key = faskey zero-padded to 32 bytes,
 *       iv = the 16 ASCII characters of the iv parameter, PKCS#7)))}, as PHP's
 *       {@code openssl_encrypt(..., 0, $iv)} followed by a second base64 produces it.</li>
 *   <li>Grant token: {@code tok = sha256hex(hid + faskey)}, which openNDS compares with its own.</li>
 * </ul>
 */
final class FasCipher {
    private final byte[] faskey;

    FasCipher(String faskey) {
        this.faskey = faskey.getBytes(StandardCharsets.US_ASCII);
    }

    /** The token that lets the client with this {@code hid} online. */
    String grantToken(String hid) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(hid.getBytes(StandardCharsets.US_ASCII));
            sha256.update(faskey);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Decrypts a level 2 payload; empty if it is not valid base64 or does not decrypt with this key. */
    Optional<String> decrypt(String fas, String iv) {
        try {
            byte[] outer = Base64.getDecoder().decode(fas);
            byte[] cipherText = Base64.getDecoder().decode(outer);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOf(faskey, 32), "AES"),
                    new IvParameterSpec(iv.getBytes(StandardCharsets.US_ASCII)));
            byte[] plain = aes.doFinal(cipherText);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
