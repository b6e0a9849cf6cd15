package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.accounts.AccountStore;
import vn.bluezone.portal.accounts.LoginSession;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.User;

/** {@link AccountStore}: staff users, their sign-in sessions and API tokens. */
public abstract class AccountStoreContract extends StoreContract {
    private static final String DIGEST_A = "a".repeat(64);
    private static final String DIGEST_B = "b".repeat(64);

    private AccountStore store() {
        return node().accounts();
    }

    @Test
    void usersAreAddedOnceListedByNameAndRemovedWithTheirSessionsAndToken() {
        AccountStore store = store();
        User venue = new User("hue-venue", Role.VENUE, Set.of("hue-station", "demo"), "hash-1");
        assertThat(store.add(venue)).isTrue();
        assertThat(store.add(new User("hue-venue", Role.OPERATOR, Set.of(), "hash-2"))).as("name taken").isFalse();
        assertThat(store.add(new User("admin", Role.OPERATOR, Set.of(), "hash-3"))).isTrue();
        assertThat(store.add(new User("hue.venue", Role.AUTHORITY, Set.of(), "hash-4"))).isTrue();
        assertThat(store.add(new User("hue_venue", Role.AUTHORITY, Set.of(), "hash-5"))).isTrue();
        assertThat(store.find("hue-venue")).contains(venue);
        assertThat(store.find("nobody")).isEmpty();
        assertThat(store.list()).extracting(User::username).as("by name, character by character")
                .containsExactly("admin", "hue-venue", "hue.venue", "hue_venue");

        store.addSession(new LoginSession(DIGEST_A, "hue-venue", "csrf", T0, T0));
        store.replaceApiToken("hue-venue", DIGEST_B, T0);
        assertThat(store.userOfApiToken(DIGEST_B)).contains(venue);
        assertThat(store.remove("hue-venue")).isTrue();
        assertThat(store.remove("hue-venue")).isFalse();
        assertThat(store.session(DIGEST_A)).isEmpty();
        assertThat(store.userOfApiToken(DIGEST_B)).isEmpty();
    }

    @Test
    void aNewPasswordEndsTheUsersSessions() {
        AccountStore store = store();
        store.add(new User("admin", Role.OPERATOR, Set.of(), "old"));
        store.addSession(new LoginSession(DIGEST_A, "admin", "csrf", T0, T0));
        assertThat(store.changePasswordHash("admin", "new")).isTrue();
        assertThat(store.find("admin").orElseThrow().passwordHash()).isEqualTo("new");
        assertThat(store.session(DIGEST_A)).isEmpty();
        assertThat(store.changePasswordHash("nobody", "new")).isFalse();
    }

    @Test
    void sessionsAreTouchedForwardOnlyAndOldOnesForgotten() {
        AccountStore store = store();
        store.addSession(new LoginSession(DIGEST_A, "admin", "csrf-a", T0, T0));
        store.addSession(new LoginSession(DIGEST_B, "admin", "csrf-b", T0.minusSeconds(7200), T0.minusSeconds(3600)));
        store.touchSession(DIGEST_A, T0.plusSeconds(60));
        store.touchSession(DIGEST_A, T0.plusSeconds(30));
        assertThat(store.session(DIGEST_A).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.removeSessionsBefore(T0.minusSeconds(1800), T0.minusSeconds(43200))).isEqualTo(1);
        assertThat(store.session(DIGEST_B)).isEmpty();
        assertThat(store.session(DIGEST_A).orElseThrow().csrfToken()).isEqualTo("csrf-a");
        store.removeSession(DIGEST_A);
        assertThat(store.session(DIGEST_A)).isEmpty();
    }

    @Test
    void aNewApiTokenReplacesTheUsersPreviousOne() {
        AccountStore store = store();
        store.add(new User("reader", Role.AUTHORITY, Set.of(), "hash"));
        store.replaceApiToken("reader", DIGEST_A, T0);
        store.replaceApiToken("reader", DIGEST_B, T0);
        assertThat(store.userOfApiToken(DIGEST_A)).isEmpty();
        assertThat(store.userOfApiToken(DIGEST_B)).map(User::role).contains(Role.AUTHORITY);
    }

    @Test
    void aUserAddedOnOneNodeSignsInOnAnother() {
        AccountStore a = store();
        AccountStore b = store();
        a.add(new User("admin", Role.OPERATOR, Set.of(), "hash"));
        a.addSession(new LoginSession(DIGEST_A, "admin", "csrf", T0, T0));
        assertThat(b.find("admin")).map(User::passwordHash).contains("hash");
        assertThat(b.session(DIGEST_A)).map(LoginSession::username).contains("admin");
    }
}
