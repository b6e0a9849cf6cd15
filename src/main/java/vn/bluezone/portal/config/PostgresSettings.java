package vn.bluezone.portal.config;

/**
 * The PostgreSQL database a fleet of portal nodes shares ({@code store.postgres}).
 *
 * @param url JDBC URL, {@code jdbc:postgresql://host:port/database[?options]}; never holds the password
 * @param user the database role ("" = the driver's default, or {@code user=} in the URL)
 * @param password the role's password ("" = none); never printed
 * @param poolSize connections this node keeps open at most (HikariCP); each event writer holds one of them
 * @param writers event writers side by side, each committing its own batches over its own connection, the events of a
 *     venue always by the same one (1 = one writer, as on SQLite)
 */
public record PostgresSettings(String url, String user, String password, int poolSize, int writers) {

    /** One event writer. */
    public PostgresSettings(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, 1);
    }

    @Override
    public String toString() {
        return "PostgresSettings[url=" + url + ", user=" + (user.isEmpty() ? "(default)" : user) + ", password="
                + (password.isEmpty() ? "(none)" : "(hidden)") + ", poolSize=" + poolSize + ", writers=" + writers + "]";
    }
}
