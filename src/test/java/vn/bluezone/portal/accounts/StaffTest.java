package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffTest {
    private final VenueScope every = VenueScope.of(Role.OPERATOR, Set.of(), List.of("demo"));

    @Test
    void onlyABrowserSessionHasACsrfTokenAndItMustMatchExactly() {
        Staff browser = new Staff("ops", Role.OPERATOR, every, Staff.Via.SESSION, "token-123");
        assertThat(browser.csrfMatches("token-123")).isTrue();
        assertThat(browser.csrfMatches("token-124")).isFalse();
        assertThat(browser.csrfMatches("")).isFalse();
        assertThat(browser.csrfMatches(null)).isFalse();
        Staff machine = new Staff("api.token", Role.OPERATOR, every, Staff.Via.MACHINE, "");
        assertThat(machine.csrfMatches("")).isFalse();
        assertThatThrownBy(() -> new Staff("ops", Role.OPERATOR, every, Staff.Via.SESSION, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Staff("ops", Role.OPERATOR, every, Staff.Via.API_TOKEN, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(browser.toString()).doesNotContain("token-123");
    }
}
