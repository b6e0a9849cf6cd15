package vn.bluezone.portal.config;

import java.time.Duration;

/**
 * Staff sign-in ({@code accounts:}).
 *
 * @param sessionIdleTimeout a browser session ends after this long without a request
 * @param sessionLifetime a browser session ends this long after login in any case
 * @param loginMaxFailures failed logins per user name and address before further tries are refused
 * @param loginLockout the window those failures are counted in, and how long the refusal lasts from the first
 */
public record AccountSettings(Duration sessionIdleTimeout, Duration sessionLifetime, int loginMaxFailures, Duration loginLockout) {
    public static final AccountSettings DEFAULT = new AccountSettings(Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15));

    public AccountSettings {
        if (sessionIdleTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("accounts.session-idle-timeout", "must be at least 1m");
        }
        if (sessionLifetime.compareTo(sessionIdleTimeout) < 0) {
            throw new ConfigException("accounts.session-lifetime", "must be at least accounts.session-idle-timeout (" + sessionIdleTimeout + ")");
        }
        if (loginLockout.isZero() || loginLockout.isNegative()) {
            throw new ConfigException("accounts.login-lockout", "must be a positive duration such as 15m");
        }
    }
}
