package vn.bluezone.portal.accounts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a staff member may do. */
public enum Role {
    /** Everything: venues, gateways, RADIUS clients, users; statistics of every venue, device-level data included. */
    OPERATOR,
    /** Read-only statistics of the user's own venues, nothing else. */
    VENUE,
    /** Read-only statistics of every venue (the provincial Department); no device-level data. */
    AUTHORITY;

    /** The name used on the command line, in the database and in JSON: {@code operator}, {@code venue}, {@code authority}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    public boolean readsEveryVenue() {
        return this != VENUE;
    }

    /** May change the portal: venues, gateways, RADIUS clients, users, disconnecting devices. */
    public boolean manages() {
        return this == OPERATOR;
    }

    /** May see data about single devices or sessions (not only counts). */
    public boolean seesDeviceData() {
        return this == OPERATOR;
    }
}
