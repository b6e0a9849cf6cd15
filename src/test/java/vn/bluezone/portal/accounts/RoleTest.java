package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void codesRoundTripAndOnlyOperatorsManageOrSeeDevices() {
        for (Role r : Role.values()) {
            assertThat(Role.fromCode(r.code())).contains(r);
        }
        assertThat(Role.fromCode("OPERATOR")).isEmpty();
        assertThat(Role.fromCode("admin")).isEmpty();
        assertThat(Role.OPERATOR.manages()).isTrue();
        assertThat(Role.AUTHORITY.manages()).isFalse();
        assertThat(Role.AUTHORITY.seesDeviceData()).isFalse();
        assertThat(Role.VENUE.seesDeviceData()).isFalse();
        assertThat(Role.AUTHORITY.readsEveryVenue()).isTrue();
        assertThat(Role.VENUE.readsEveryVenue()).isFalse();
    }
}
