package vn.bluezone.portal.gateway.opennds;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's side of level 2, for building test redirects: what openNDS does with PHP's
 * {@code openssl_encrypt($payload, "aes-256-cbc", $faskey, 0, $iv)} followed by another base64.
 */
public final class OpenNdsEncryption {
    private OpenNdsEncryption() {
    }

    public static String encrypt(String faskey, String plain, String iv) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOf(faskey.getBytes(StandardCharsets.US_ASCII), 32), "AES"),
                    new IvParameterSpec(iv.getBytes(StandardCharsets.US_ASCII)));
            byte[] inner = Base64.getEncoder().encode(aes.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
            return Base64.getEncoder().encodeToString(inner);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is missing from this JVM", e);
        }
    }
}
