package vn.bluezone.portal.access;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a {@link Visit} into a URL-safe token (AES-256-GCM): the visitor can neither read the device key
 * and grant data inside nor change them, and any node holding the portal secret can open it.
 */
public final class VisitSealer {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Longest token accepted; real ones are a few hundred characters. */
    private static final int MAX_TOKEN_CHARS = 4096;

    private final SecretKeySpec key;
    private final InstantSource clock;
    /** Cipher objects are costly to look up and not thread-safe: one per thread, re-initialised per token. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(VisitSealer::newCipher);

    public VisitSealer(byte[] key, InstantSource clock) {
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.clock = clock;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /** Why a token could not be opened. */
    public enum Problem { INVALID, EXPIRED }

    /** Either the visit, or the problem with the token. */
    public record Opened(Visit visit, Problem problem) {
        public boolean ok() {
            return visit != null;
        }
    }

    public String seal(Visit visit) {
        try {
            byte[] plain = VisitCodec.encode(visit);
            byte[] iv = new byte[IV_BYTES];
            RandomBytes.fill(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a visit", e);
        }
    }

    /** Opens a token; tampered, truncated or foreign tokens are {@link Problem#INVALID}, old ones {@link Problem#EXPIRED}. */
    public Opened open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return new Opened(null, Problem.INVALID);
        }
        Visit visit;
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            if (raw.length <= IV_BYTES + TAG_BITS / 8) {
                return new Opened(null, Problem.INVALID);
            }
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
            visit = VisitCodec.decode(plain);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            return new Opened(null, Problem.INVALID);
        }
        if (!clock.instant().isBefore(visit.expiresAt())) {
            return new Opened(null, Problem.EXPIRED);
        }
        return new Opened(visit, null);
    }
}
