package vn.bluezone.portal.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed logins per user name and source address: after {@code maxFailures} within {@code window} of the first
 * failure, that pair is refused until the window ends (the password is not even checked). A success clears the
 * pair. An address that fails {@value #ADDRESS_FACTOR} times as often, whatever the user names (one password tried
 * against many accounts), is refused for every name until its window ends; a success does not clear that count.
 * Kept in memory on this node; time comes from the injected clock. Thread-safe.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED = 100_000;
    /** An address may fail this many times {@code maxFailures}, over all user names, before it is refused. */
    static final int ADDRESS_FACTOR = 4;

    private record Failures(int count, Instant firstAt) {
    }

    private final int maxFailures;
    private final Duration window;
    private final InstantSource clock;
    private final Cache<String, Failures> failures;

    public LoginThrottle(int maxFailures, Duration window, InstantSource clock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxFailures must be at least 1 and window positive");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .ticker(ticker)
                .executor(Runnable::run)
                // the window starts at the first failure; later failures do not extend it
                .expireAfter(Expiry.creating((String key, Failures value) -> window))
                .build();
    }

    /** When the pair may try again, if it is refused now. */
    public Optional<Instant> refusedUntil(String username, String sourceAddress) {
        Optional<Instant> pair = refusedUntil(key(username, sourceAddress), maxFailures);
        return pair.isPresent() ? pair : refusedUntil(addressKey(sourceAddress), maxFailures * ADDRESS_FACTOR);
    }

    private Optional<Instant> refusedUntil(String key, int limit) {
        Failures f = failures.getIfPresent(key);
        if (f == null || f.count() < limit) {
            return Optional.empty();
        }
        Instant until = f.firstAt().plus(window);
        return clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    public void failed(String username, String sourceAddress) {
        Instant now = clock.instant();
        for (String key : new String[] {key(username, sourceAddress), addressKey(sourceAddress)}) {
            failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, old.firstAt()));
        }
    }

    public void succeeded(String username, String sourceAddress) {
        failures.invalidate(key(username, sourceAddress));
    }

    /** User names never contain a newline, so this cannot be a user name's key. */
    private static String addressKey(String sourceAddress) {
        return "\n" + sourceAddress;
    }

    private static String key(String username, String sourceAddress) {
        return username.toLowerCase(Locale.ROOT) + "\n" + sourceAddress;
    }
}
