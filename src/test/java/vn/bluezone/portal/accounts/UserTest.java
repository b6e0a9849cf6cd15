package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTest {
    @Test
    void aVenueUserHasVenuesAndOthersHaveNone() {
        User venue = new User("hue.bus-1", Role.VENUE, Set.of("hue-station", "demo"), "hash");
        assertThat(venue.venues()).containsExactly("demo", "hue-station");
        assertThat(new User("ops", Role.OPERATOR, Set.of(), "hash").venues()).isEmpty();
        assertThatThrownBy(() -> new User("venue1", Role.VENUE, Set.of(), "hash")).hasMessageContaining("at least one venue");
        assertThatThrownBy(() -> new User("sotttt", Role.AUTHORITY, Set.of("demo"), "hash")).hasMessageContaining("only venue users");
    }

    @Test
    void userNamesAreThreeToThirtyTwoLowerCaseCharacters() {
        for (String bad : new String[] {"ab", "Admin", "a b", "x".repeat(33), "tên", "a/b", ""}) {
            assertThatThrownBy(() -> new User(bad, Role.OPERATOR, Set.of(), "hash")).as(bad).hasMessageContaining("3 to 32");
        }
        assertThat(User.isValidUsername("a.b_c-9")).isTrue();
        assertThat(User.isValidUsername(null)).isFalse();
    }

    @Test
    void venueCodesAndHashAreChecked() {
        assertThatThrownBy(() -> new User("venue1", Role.VENUE, Set.of("Bad,Code"), "hash")).hasMessageContaining("not a venue code");
        assertThatThrownBy(() -> new User("venue1", Role.VENUE, Set.of("demo"), " ")).hasMessageContaining("hash");
    }

    @Test
    void theHashIsNotPrinted() {
        assertThat(new User("ops", Role.OPERATOR, Set.of(), "$argon2id$secret").toString()).doesNotContain("argon2").contains("operator");
    }
}
