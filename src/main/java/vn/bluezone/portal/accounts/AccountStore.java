package vn.bluezone.portal.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Staff accounts, their browser sessions and their API tokens. Secrets are stored only as digests
 * (session ids, API tokens) or slow hashes (passwords). Every method may throw
 * {@link vn.bluezone.portal.events.StoreUnavailableException}.
 */
public interface AccountStore {

    /** @return false when the user name is taken */
    boolean add(User user);

    Optional<User> find(String username);

    /** Every user, by name. */
    List<User> list();

    /** Sets a new password hash and ends every session of the user. @return false when there is no such user */
    boolean changePasswordHash(String username, String passwordHash);

    /** Removes the user with their sessions and API token. @return false when there was no such user */
    boolean remove(String username);

    void addSession(LoginSession session);

    Optional<LoginSession> session(String idDigest);

    void touchSession(String idDigest, Instant lastSeenAt);

    void removeSession(String idDigest);

    /** Forgets sessions idle since before {@code idleBefore} or created before {@code createdBefore}. */
    int removeSessionsBefore(Instant idleBefore, Instant createdBefore);

    /** The user's API token becomes this one; an earlier token stops working. */
    void replaceApiToken(String username, String tokenDigest, Instant createdAt);

    Optional<User> userOfApiToken(String tokenDigest);
}
