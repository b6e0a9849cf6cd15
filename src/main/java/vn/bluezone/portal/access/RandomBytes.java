package vn.bluezone.portal.access;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Where nonces and IVs come from: a DRBG per thread (seeded from the operating system once), instead
 * of the default generator, which reads the kernel's random device under a global lock on every call.
 */
final class RandomBytes {
    private RandomBytes() {
    }

    static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
