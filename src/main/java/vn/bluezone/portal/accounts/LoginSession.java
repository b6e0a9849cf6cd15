package vn.bluezone.portal.accounts;

import java.time.Instant;

/**
 * A signed-in browser as the store keeps it: the session id itself is never stored, only its SHA-256.
 *
 * @param idDigest hex SHA-256 of the id in the {@code bz_session} cookie
 * @param csrfToken random; the session's forms carry it
 */
public record LoginSession(String idDigest, String username, String csrfToken, Instant createdAt, Instant lastSeenAt) {
    public LoginSession {
        if (idDigest == null || !idDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("idDigest must be a hex SHA-256");
        }
        if (username == null || csrfToken == null || csrfToken.isEmpty() || createdAt == null || lastSeenAt == null) {
            throw new IllegalArgumentException("every part of a login session is required");
        }
    }

    @Override
    public String toString() {
        return "LoginSession[" + username + ", since " + createdAt + ", last seen " + lastSeenAt + "]";
    }
}
