package vn.bluezone.portal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Someone signed in, as a request handler sees them.
 *
 * @param username the account, or {@code api.token} / {@code loopback} for the configuration's machine access
 * @param scope the venues they may read
 * @param via how the request proved who it is
 * @param csrfToken the token this browser session's forms must carry; empty unless {@code via} is {@link Via#SESSION}
 */
public record Staff(String username, Role role, VenueScope scope, Via via, String csrfToken) {

    /** How a request proved who sent it. */
    public enum Via {
        /** The {@code bz_session} cookie of a signed-in browser. */
        SESSION,
        /** {@code Authorization: Bearer bz_...}: a user's API token. */
        API_TOKEN,
        /** The configuration's {@code api.token}, or a loopback client when none is set: the portal host itself. */
        MACHINE
    }

    public Staff {
        if (username == null || role == null || scope == null || via == null || csrfToken == null) {
            throw new IllegalArgumentException("every part of Staff is required");
        }
        if ((via == Via.SESSION) == csrfToken.isEmpty()) {
            throw new IllegalArgumentException("a browser session, and only a session, has a CSRF token");
        }
    }

    /** A form's CSRF field matches this session's token (constant time); always false outside a browser session. */
    public boolean csrfMatches(String submitted) {
        if (csrfToken.isEmpty() || submitted == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Staff[" + username + ", " + role.code() + ", " + scope + ", " + via + "]";
    }
}
