package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreSaltedArgon2idAndVerify() {
        String one = hasher.hash("correct horse battery");
        String two = hasher.hash("correct horse battery");
        assertThat(one).startsWith("$argon2id$").isNotEqualTo(two).doesNotContain("correct");
        assertThat(hasher.matches("correct horse battery", one)).isTrue();
        assertThat(hasher.matches("correct horse battery", two)).isTrue();
        assertThat(hasher.matches("correct horse batterz", one)).isFalse();
        assertThat(hasher.matches("", one)).isFalse();
        assertThat(hasher.matches(null, one)).isFalse();
        assertThat(hasher.matches("correct horse battery", "not a hash")).isFalse();
    }

    @Test
    void anUnknownUserNeverMatchesAndCostsAHashCheck() {
        long started = System.nanoTime();
        assertThat(hasher.matches("whatever-password", null)).isFalse();
        long unknown = System.nanoTime() - started;
        String hash = hasher.hash("whatever-password");
        started = System.nanoTime();
        hasher.matches("wrong-password", hash);
        long known = System.nanoTime() - started;
        // the same work, so the same order of time (loose bounds: the machine is shared)
        assertThat(unknown).isGreaterThan(known / 5);
    }

    @Test
    void passwordsHaveAtLeastTenCharacters() {
        assertThatThrownBy(() -> hasher.hash("short-pw9")).hasMessageContaining("at least 10").hasMessageContaining("ít nhất 10");
        assertThatThrownBy(() -> hasher.hash(null)).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> hasher.hash("x".repeat(PasswordHasher.MAX_LENGTH + 1))).hasMessageContaining("at most");
        assertThat(hasher.hash("mật khẩu dài")).startsWith("$argon2id$");
    }
}
