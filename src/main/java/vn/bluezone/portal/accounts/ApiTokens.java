package vn.bluezone.portal.accounts;

import java.time.InstantSource;
import java.util.Optional;

/**
 * Tokens for machine access to the JSON API ({@code Authorization: Bearer bz_...}). A token is shown once when it
 * is made; the store keeps its SHA-256. It acts as its user, with the user's role and venues; a new token for the
 * user replaces the old one, and removing the user ends it.
 */
public final class ApiTokens {
    public static final String PREFIX = "bz_";

    private final AccountStore store;
    private final InstantSource clock;

    public ApiTokens(AccountStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new token for an existing user (its previous token stops working). */
    public String issue(String username) {
        if (store.find(username).isEmpty()) {
            throw new IllegalArgumentException("no user '" + username + "' / không có người dùng '" + username + "'");
        }
        String token = SecretToken.generate(PREFIX);
        store.replaceApiToken(username, SecretToken.digest(token), clock.instant());
        return token;
    }

    /** The user whose token this is. */
    public Optional<User> holder(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return store.userOfApiToken(SecretToken.digest(token));
    }
}
