package vn.bluezone.portal.accounts;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Adding, changing and removing staff accounts, with the rules both the {@code user} command and the operators' web
 * page apply: a valid user name, venues that are configured, at least one venue for a venue user (and none for the
 * other roles), no duplicate user name, a password of {@value PasswordHasher#MIN_LENGTH} characters or more. A new
 * password or a removal ends the user's sessions (the store does it in the same transaction). May be slow (password
 * hashing) and reads the store: call it off I/O threads.
 */
public final class UserAdmin {

    /** Input refused, with the reason in English and in Vietnamese. */
    public static final class Refused extends RuntimeException {
        private final String en;
        private final String vi;

        public Refused(String en, String vi) {
            super(en + " / " + vi);
            this.en = en;
            this.vi = vi;
        }

        /** An "English / Vietnamese" message of {@link User} or {@link PasswordHasher}, split into its two languages. */
        static Refused of(IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int slash = message.lastIndexOf(" / ");
            return slash < 0 ? new Refused(message, message) : new Refused(message.substring(0, slash), message.substring(slash + 3));
        }

        public String en() {
            return en;
        }

        public String vi() {
            return vi;
        }
    }

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final ApiTokens tokens;
    private final Supplier<List<String>> venueCodes;

    /** @param venueCodes the venues, in the order they are shown: a venue user may only be given these */
    public UserAdmin(AccountStore store, PasswordHasher hasher, ApiTokens tokens, List<String> venueCodes) {
        this(store, hasher, tokens, () -> List.copyOf(venueCodes));
    }

    /** @param venueCodes the venues now (configured, then added in the web UI): a venue user may only be given these */
    public UserAdmin(AccountStore store, PasswordHasher hasher, ApiTokens tokens, Supplier<List<String>> venueCodes) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.venueCodes = venueCodes;
    }

    /** The venue codes, in the order they are shown. */
    public List<String> venueCodes() {
        return venueCodes.get();
    }

    /** Every user, by name. */
    public List<User> list() {
        return store.list();
    }

    /**
     * Adds a user; the password is asked for only once the rest is known to be acceptable.
     *
     * @return the user as stored (with its password hash)
     * @throws Refused with the reason
     */
    public User add(String username, Role role, Collection<String> venues, PasswordSource password) {
        checkUsername(username);
        Set<String> codes = new LinkedHashSet<>(venues);
        codes.remove("");
        List<String> known = venueCodes.get();
        for (String code : codes) {
            if (!known.contains(code)) {
                throw new Refused("no venue '" + code + "' in the configuration (configured: " + String.join(", ", known) + ")",
                        "không có địa điểm '" + code + "' trong cấu hình");
            }
        }
        if (store.find(username).isPresent()) {
            throw exists(username);
        }
        if (role == Role.VENUE && codes.isEmpty()) {
            throw new Refused("a venue user needs at least one venue", "tài khoản địa điểm cần ít nhất một địa điểm");
        }
        User checked = validated(() -> new User(username, role, codes, "(to be hashed)"));
        User added = checked.withPasswordHash(hash(password.get()));
        if (!store.add(added)) {
            throw exists(username);
        }
        return added;
    }

    /** A new password; the user's sessions end. @throws Refused for an unknown user or a password too short */
    public void changePassword(String username, String password) {
        existing(username);
        String hash = hash(password);
        if (!store.changePasswordHash(username, hash)) {
            throw noUser(username);
        }
    }

    /** A new API token, to be shown once; the user's previous token stops working. @throws Refused for an unknown user */
    public String issueToken(String username) {
        existing(username);
        return tokens.issue(username);
    }

    /** Removes the user with their sessions and API token. @throws Refused for an unknown user */
    public void remove(String username) {
        existing(username);
        if (!store.remove(username)) {
            throw noUser(username);
        }
    }

    /** Where a new password comes from (the command line asks for it only after the other checks). */
    @FunctionalInterface
    public interface PasswordSource {
        String get();
    }

    private static void checkUsername(String username) {
        if (!User.isValidUsername(username)) {
            throw new Refused("'" + username + "': the user name must be 3 to 32 of a-z 0-9 . _ -",
                    "'" + username + "': tên người dùng phải gồm 3 đến 32 ký tự a-z 0-9 . _ -");
        }
    }

    private User existing(String username) {
        if (!User.isValidUsername(username)) {
            throw noUser(String.valueOf(username));
        }
        return store.find(username).orElseThrow(() -> noUser(username));
    }

    private String hash(String password) {
        return validated(() -> hasher.hash(password));
    }

    private static Refused exists(String username) {
        return new Refused("user '" + username + "' exists already", "người dùng '" + username + "' đã tồn tại");
    }

    private static Refused noUser(String username) {
        return new Refused("no user '" + username + "'", "không có người dùng '" + username + "'");
    }

    private static <T> T validated(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw Refused.of(e);
        }
    }
}
