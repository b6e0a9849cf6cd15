package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.store.SqlAccountStore;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.testing.TestClock;

/** Logins, sessions and API tokens together, over the real SQLite store. */
class AccountsTest {
    private static final String PASSWORD = "mật-khẩu-của-Huế";
    private static final List<String> VENUES = List.of("demo", "hue-station");

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final PasswordHasher hasher = new PasswordHasher();
    private AccountStore store;
    private LoginSessions sessions;
    private ApiTokens tokens;
    private Accounts accounts;

    @BeforeEach
    void open() {
        store = new SqlAccountStore(SqliteDatabase.open(dir.resolve("portal.db")), clock);
        sessions = new LoginSessions(store, clock, Duration.ofMinutes(30), Duration.ofHours(12));
        tokens = new ApiTokens(store, clock);
        accounts = new Accounts(store, hasher, new LoginThrottle(5, Duration.ofMinutes(15), clock), sessions, tokens, VENUES);
        store.add(new User("hue-venue", Role.VENUE, Set.of("hue-station"), hasher.hash(PASSWORD)));
    }

    @Test
    void theRightPasswordOpensASessionWhoseIdIsStoredOnlyAsADigest() {
        Accounts.Login login = accounts.login(" Hue-Venue ", PASSWORD, "192.0.2.1");
        assertThat(login).isInstanceOf(Accounts.Login.SignedIn.class);
        Accounts.Login.SignedIn in = (Accounts.Login.SignedIn) login;
        assertThat(in.opened().id()).matches("[A-Za-z0-9_-]{43}");
        assertThat(in.staff().scope().venues()).containsExactly("hue-station");
        assertThat(in.staff().via()).isEqualTo(Staff.Via.SESSION);
        assertThat(store.session(in.opened().id())).isEmpty();
        assertThat(store.session(SecretToken.digest(in.opened().id()))).isPresent();

        Staff again = accounts.bySession(in.opened().id()).orElseThrow();
        assertThat(again.username()).isEqualTo("hue-venue");
        assertThat(again.csrfMatches(in.staff().csrfToken())).isTrue();
        accounts.logout(in.opened().id());
        assertThat(accounts.bySession(in.opened().id())).isEmpty();
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefusedAlikeThenThrottled() {
        assertThat(accounts.login("hue-venue", "wrong password", "192.0.2.1")).isInstanceOf(Accounts.Login.Refused.class);
        assertThat(accounts.login("nobody", PASSWORD, "192.0.2.1")).isInstanceOf(Accounts.Login.Refused.class);
        assertThat(accounts.login("../etc", PASSWORD, "192.0.2.1")).isInstanceOf(Accounts.Login.Refused.class);
        for (int i = 0; i < 4; i++) {
            accounts.login("hue-venue", "wrong password", "192.0.2.1");
        }
        assertThat(accounts.login("hue-venue", PASSWORD, "192.0.2.1"))
                .isEqualTo(new Accounts.Login.Throttled(Instant.parse("2026-11-29T03:15:00Z")));
        assertThat(accounts.login("hue-venue", PASSWORD, "192.0.2.9")).as("another address").isInstanceOf(Accounts.Login.SignedIn.class);
        clock.advance(Duration.ofMinutes(15));
        assertThat(accounts.login("hue-venue", PASSWORD, "192.0.2.1")).isInstanceOf(Accounts.Login.SignedIn.class);
    }

    @Test
    void sessionsEndWhenIdleOrTooOld() {
        String id = ((Accounts.Login.SignedIn) accounts.login("hue-venue", PASSWORD, "192.0.2.1")).opened().id();
        clock.advance(Duration.ofMinutes(29));
        assertThat(accounts.bySession(id)).as("29 minutes idle").isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(accounts.bySession(id)).as("used 29 minutes ago").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(accounts.bySession(id)).as("31 minutes idle").isEmpty();

        String busy = ((Accounts.Login.SignedIn) accounts.login("hue-venue", PASSWORD, "192.0.2.1")).opened().id();
        for (int i = 0; i < 47; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(accounts.bySession(busy)).as("after %d min", (i + 1) * 15).isPresent();
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(accounts.bySession(busy)).as("12 hours after sign-in").isEmpty();
        assertThat(accounts.bySession("")).isEmpty();
        assertThat(accounts.bySession("x".repeat(500))).isEmpty();
    }

    @Test
    void anApiTokenActsAsItsUserUntilReplacedOrTheUserIsRemoved() {
        String token = tokens.issue("hue-venue");
        assertThat(token).startsWith("bz_").hasSize(46);
        Staff holder = accounts.byApiToken(token).orElseThrow();
        assertThat(holder.via()).isEqualTo(Staff.Via.API_TOKEN);
        assertThat(holder.scope().mayRead("hue-station")).isTrue();
        assertThat(holder.scope().mayRead("demo")).isFalse();
        assertThat(accounts.byApiToken(token + "x")).isEmpty();
        assertThat(accounts.byApiToken(token.substring(3))).isEmpty();

        String second = tokens.issue("hue-venue");
        assertThat(accounts.byApiToken(token)).isEmpty();
        assertThat(accounts.byApiToken(second)).isPresent();
        store.remove("hue-venue");
        assertThat(accounts.byApiToken(second)).isEmpty();
    }

    @Test
    void theMachineIsAnOperatorOfEveryVenue() {
        Staff machine = accounts.machine("api.token");
        assertThat(machine.role()).isEqualTo(Role.OPERATOR);
        assertThat(machine.scope().venues()).containsExactlyElementsOf(VENUES);
    }
}
