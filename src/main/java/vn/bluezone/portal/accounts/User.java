package vn.bluezone.portal.accounts;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A staff account. A {@link Role#VENUE venue} user has one or more venues; operators and authorities have none
 * (they read every venue).
 *
 * @param username {@code [a-z0-9._-]{3,32}}
 * @param venues venue codes, sorted
 * @param passwordHash the {@link PasswordHasher}'s encoding, never the password
 */
public record User(String username, Role role, Set<String> venues, String passwordHash) {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,32}");
    private static final Pattern VENUE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public User {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("the user name must be 3 to 32 of a-z 0-9 . _ - / tên người dùng phải gồm 3 đến 32 ký tự a-z 0-9 . _ -");
        }
        if (role == null) {
            throw new IllegalArgumentException("a role is required / cần có vai trò");
        }
        venues = Set.copyOf(venues);
        for (String v : venues) {
            if (!VENUE_CODE.matcher(v).matches()) {
                throw new IllegalArgumentException("'" + v + "' is not a venue code / không phải mã địa điểm");
            }
        }
        if (role == Role.VENUE && venues.isEmpty()) {
            throw new IllegalArgumentException("a venue user needs at least one venue (--venue) / tài khoản địa điểm cần ít nhất một địa điểm (--venue)");
        }
        if (role != Role.VENUE && !venues.isEmpty()) {
            throw new IllegalArgumentException("only venue users have venues; " + role.code() + " reads every venue"
                    + " / chỉ tài khoản địa điểm mới gắn với địa điểm; " + role.code() + " xem mọi địa điểm");
        }
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalArgumentException("a password hash is required");
        }
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** The venues in code order. */
    public Set<String> venues() {
        return new TreeSet<>(venues);
    }

    public User withPasswordHash(String hash) {
        return new User(username, role, venues, hash);
    }

    @Override
    public String toString() {
        return "User[" + username + ", " + role.code() + ", venues=" + venues() + "]";
    }
}
