package vn.bluezone.portal.accounts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who a request comes from: password logins (throttled), browser sessions, API tokens. What the web layer asks;
 * the parts stay usable on their own (the command line uses the store and the hasher directly).
 */
public final class Accounts {
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LoginSessions sessions;
    private final ApiTokens tokens;
    private final Supplier<? extends Collection<String>> venueCodes;
    private final UserAdmin users;

    /** The outcome of a login attempt. */
    public sealed interface Login {
        /** The password was right: the browser gets {@code opened.id()} as its session cookie. */
        record SignedIn(LoginSessions.Opened opened, Staff staff) implements Login {
        }

        /** Wrong user name or password (which one is not told). */
        record Refused() implements Login {
        }

        /** Too many failures from this address for this user name: not checked until {@code until}. */
        record Throttled(Instant until) implements Login {
        }
    }

    /** @param venueCodes every venue, in the order they are shown */
    public Accounts(AccountStore store, PasswordHasher hasher, LoginThrottle throttle, LoginSessions sessions, ApiTokens tokens,
            List<String> venueCodes) {
        this(store, hasher, throttle, sessions, tokens, () -> List.copyOf(venueCodes));
    }

    /**
     * @param venueCodes every venue now, in the order they are shown: asked on each request, so that venues added
     *     while the portal runs are in operators' and the authority's scope, and in a venue user's once assigned
     */
    public Accounts(AccountStore store, PasswordHasher hasher, LoginThrottle throttle, LoginSessions sessions, ApiTokens tokens,
            Supplier<? extends Collection<String>> venueCodes) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.tokens = tokens;
        this.venueCodes = venueCodes;
        this.users = new UserAdmin(store, hasher, tokens, () -> List.copyOf(venueCodes.get()));
    }

    /** Checks the password (slow on purpose: call it off I/O threads). */
    public Login login(String typedUsername, String password, String sourceAddress) {
        String username = typedUsername == null ? "" : typedUsername.strip().toLowerCase(Locale.ROOT);
        if (username.length() > 64) {
            username = username.substring(0, 64);
        }
        Optional<Instant> refused = throttle.refusedUntil(username, sourceAddress);
        if (refused.isPresent()) {
            return new Login.Throttled(refused.get());
        }
        Optional<User> user = User.isValidUsername(username) ? store.find(username) : Optional.empty();
        if (!hasher.matches(password, user.map(User::passwordHash).orElse(null))) {
            throttle.failed(username, sourceAddress);
            return new Login.Refused();
        }
        throttle.succeeded(username, sourceAddress);
        LoginSessions.Opened opened = sessions.open(user.get().username());
        return new Login.SignedIn(opened, staff(user.get(), Staff.Via.SESSION, opened.session().csrfToken()));
    }

    /** The signed-in staff member of a {@code bz_session} cookie value. */
    public Optional<Staff> bySession(String sessionId) {
        return sessions.resume(sessionId).flatMap(s -> store.find(s.username()).map(u -> staff(u, Staff.Via.SESSION, s.csrfToken())));
    }

    /** The holder of an API token ({@code bz_...}). */
    public Optional<Staff> byApiToken(String token) {
        return tokens.holder(token).map(u -> staff(u, Staff.Via.API_TOKEN, ""));
    }

    /** The portal host or the holder of the configured {@code api.token}: an operator. */
    public Staff machine(String name) {
        return new Staff(name, Role.OPERATOR, VenueScope.of(Role.OPERATOR, Set.of(), venueCodes.get()), Staff.Via.MACHINE, "");
    }

    public void logout(String sessionId) {
        sessions.close(sessionId);
    }

    public LoginSessions sessions() {
        return sessions;
    }

    /** Adding, changing and removing accounts, as the {@code user} command does (for the operators' web page). */
    public UserAdmin users() {
        return users;
    }

    private Staff staff(User user, Staff.Via via, String csrfToken) {
        return new Staff(user.username(), user.role(), VenueScope.of(user.role(), user.venues(), venueCodes.get()), via, csrfToken);
    }
}
