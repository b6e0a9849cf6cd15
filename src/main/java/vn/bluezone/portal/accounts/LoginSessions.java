package vn.bluezone.portal.accounts;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Browser sessions: a random 256-bit id for the cookie, of which the store keeps only the SHA-256, and a random
 * CSRF token kept with it. A session ends after {@code idleTimeout} without a request, after {@code lifetime} in
 * any case, at logout, and when the user's password changes or the user is removed.
 */
public final class LoginSessions {
    /** The last-seen time is written at most this often, so reading pages does not mean writing the database. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final AccountStore store;
    private final InstantSource clock;
    private final Duration idleTimeout;
    private final Duration lifetime;

    /** A session just opened: {@code id} goes into the cookie and is not kept anywhere else. */
    public record Opened(String id, LoginSession session) {
        @Override
        public String toString() {
            return "Opened[" + session + "]";
        }
    }

    public LoginSessions(AccountStore store, InstantSource clock, Duration idleTimeout, Duration lifetime) {
        if (idleTimeout.compareTo(TOUCH_EVERY) < 0 || lifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("idle timeout must be at least " + TOUCH_EVERY + " and the lifetime at least the idle timeout");
        }
        this.store = store;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
    }

    public Opened open(String username) {
        Instant now = clock.instant();
        store.removeSessionsBefore(now.minus(idleTimeout), now.minus(lifetime));
        String id = SecretToken.generate("");
        LoginSession session = new LoginSession(SecretToken.digest(id), username, SecretToken.generate(""), now, now);
        store.addSession(session);
        return new Opened(id, session);
    }

    /** The live session of this cookie value, its last-seen time moved to now; empty when unknown or expired. */
    public Optional<LoginSession> resume(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String digest = SecretToken.digest(id);
        Optional<LoginSession> found = store.session(digest);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LoginSession s = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeenAt().plus(idleTimeout)) || !now.isBefore(s.createdAt().plus(lifetime))) {
            store.removeSession(digest);
            return Optional.empty();
        }
        if (!now.isBefore(s.lastSeenAt().plus(TOUCH_EVERY))) {
            store.touchSession(digest, now);
        }
        return found;
    }

    public void close(String id) {
        if (id != null && !id.isEmpty() && id.length() <= 100) {
            store.removeSession(SecretToken.digest(id));
        }
    }

    /** How long a browser should keep the cookie: the session's remaining absolute lifetime. */
    public Duration remainingLifetime(LoginSession session) {
        Duration left = Duration.between(clock.instant(), session.createdAt().plus(lifetime));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
