package vn.bluezone.portal.config;

/**
 * The PostgreSQL database a fleet of portal nodes shares ({@code store.postgres}).
 *
 * @param url JDBC URL, {@code jdbc:postgresql://host:port/database[?options]}; never holds the password
 * @param user the database role ("" = the driver's default, or {@code user=} in the URL)
 * @param password the role's password ("" = none); never printed
 * @param poolSize connections this node keeps open at most (HikariCP); the event writer holds one of them
 */
public record PostgresSettings(String url, String user, String password, int poolSize) {

    @Override
    public String toString() {
        return "PostgresSettings[url=" + url + ", user=" + (user.isEmpty() ? "(default)" : user) + ", password="
                + (password.isEmpty() ? "(none)" : "(hidden)") + ", poolSize=" + poolSize + "]";
    }
}
