package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VenueScopeTest {
    private static final List<String> CONFIGURED = List.of("demo", "hue-station", "hue-market");

    @Test
    void aVenueUserReadsOnlyTheirConfiguredVenuesSpelledExactly() {
        VenueScope scope = VenueScope.of(Role.VENUE, Set.of("hue-market", "hue-station", "gone-venue"), CONFIGURED);
        assertThat(scope.venues()).containsExactly("hue-station", "hue-market");
        assertThat(scope.everyVenue()).isFalse();
        assertThat(scope.mayRead("hue-station")).isTrue();
        for (String other : new String[] {"demo", "HUE-STATION", " hue-station", "hue-station ", "gone-venue", "", null}) {
            assertThat(scope.mayRead(other)).as(String.valueOf(other)).isFalse();
        }
    }

    @Test
    void operatorsAndAuthoritiesReadEveryConfiguredVenue() {
        for (Role role : new Role[] {Role.OPERATOR, Role.AUTHORITY}) {
            VenueScope scope = VenueScope.of(role, Set.of(), CONFIGURED);
            assertThat(scope.everyVenue()).isTrue();
            assertThat(scope.venues()).containsExactlyElementsOf(CONFIGURED);
            assertThat(scope.mayRead("demo")).isTrue();
            assertThat(scope.mayRead("unknown")).isFalse();
        }
    }
}
