package vn.bluezone.portal.accounts;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Passwords as Argon2id hashes (Spring Security's encoder: 16-byte random salt, 16 MiB, 2 passes; the
 * parameters travel inside each hash, so stronger settings later still verify old hashes). An unknown user is
 * checked against a dummy hash, so a wrong user name takes as long as a wrong password. Thread-safe.
 */
public final class PasswordHasher {
    public static final int MIN_LENGTH = 10;
    /** Longer input is refused before hashing: a login form must not make the server hash megabytes. */
    public static final int MAX_LENGTH = 1024;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String dummyHash = encoder.encode(SecretToken.generate("dummy-"));

    /** A new salted hash. @throws IllegalArgumentException when the password is too short or too long */
    public String hash(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_LENGTH + " characters"
                    + " / mật khẩu phải có ít nhất " + MIN_LENGTH + " ký tự");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the password must have at most " + MAX_LENGTH + " characters"
                    + " / mật khẩu dài tối đa " + MAX_LENGTH + " ký tự");
        }
        return encoder.encode(password);
    }

    /**
     * Whether the password is the user's. Takes the same time for an unknown user (pass {@code null} as the hash).
     */
    public boolean matches(String password, String hashOrNull) {
        if (password == null || password.isEmpty() || password.length() > MAX_LENGTH) {
            encoder.matches("not the password", dummyHash);
            return false;
        }
        if (hashOrNull == null) {
            encoder.matches(password, dummyHash);
            return false;
        }
        return encoder.matches(password, hashOrNull);
    }
}
