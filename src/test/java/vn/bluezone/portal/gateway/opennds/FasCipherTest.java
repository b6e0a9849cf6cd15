package vn.bluezone.portal.gateway.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Test vectors checked against a real openNDS 9.10 (token maths) and PHP openssl_encrypt (AES). */
class FasCipherTest {

    @Test
    void grantTokenIsSha256OfHidAndFaskeyAsOpenNdsAccepted() throws Exception {
        String hid = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("99cdb6ff".getBytes(StandardCharsets.US_ASCII)));
        assertThat(hid).isEqualTo("89ac03ac308faf27b8f725d4d2ca8b3c74394f085fb6c4091707e72da8957402");
        assertThat(new FasCipher("HarnessKey12345").grantToken(hid))
                .isEqualTo("81343198c99b821342f638d53b5976145a579b1d0a22f727eed251926d6f80d0");
    }

    @Test
    void syntheticTokenVector() {
        assertThat(new FasCipher("1234567890").grantToken("2510026a8dfd31fdbc25636d0d1527d3c2d8a0666ce6316fb1c236dfb2e3cfab"))
                .isEqualTo("fff70851760a28b5cb8f6259cb031702e6f796faa5b749b76f33fab49a7fdbec");
    }

    @Test
    void level2UsesTheZeroPaddedKeyAndTheIvAsAsciiText() throws Exception {
        String fas = OpenNdsEncryption.encrypt("1234567890",
                "hid=2510026a8dfd31fdbc25636d0d1527d3c2d8a0666ce6316fb1c236dfb2e3cfab, clientip=10.0.0.2", "0123456789abcdef");
        byte[] cipherText = Base64.getDecoder().decode(Base64.getDecoder().decode(fas));
        assertThat(HexFormat.of().formatHex(cipherText, 0, 16)).isEqualTo("4bce3f6c672cf8d6dcb92fdb8c3b453d");

        // independent check of the same bytes with the JDK directly
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOf("1234567890".getBytes(StandardCharsets.US_ASCII), 32), "AES"),
                new IvParameterSpec("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(aes.doFinal(cipherText), StandardCharsets.UTF_8)).startsWith("hid=2510026a8dfd");
        assertThat(new FasCipher("1234567890").decrypt(fas, "0123456789abcdef"))
                .hasValueSatisfying(plain -> assertThat(plain).startsWith("hid=2510026a8dfd"));
    }

    @Test
    void decryptsWhatOpenNdsEncryptsAndNothingElse() {
        FasCipher cipher = new FasCipher("HarnessKey12345");
        String fas = OpenNdsEncryption.encrypt("HarnessKey12345", "hid=abc, clientip=10.231.1.10", "cf16c37a49aa7761");
        assertThat(cipher.decrypt(fas, "cf16c37a49aa7761")).contains("hid=abc, clientip=10.231.1.10");
        assertThat(new FasCipher("WrongKey12345").decrypt(fas, "cf16c37a49aa7761")).isEmpty();
        assertThat(cipher.decrypt("not base64 at all!", "cf16c37a49aa7761")).isEmpty();
        assertThat(cipher.decrypt(Base64.getEncoder().encodeToString("short".getBytes()), "cf16c37a49aa7761")).isEmpty();
    }
}
