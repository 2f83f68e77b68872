package dev.infradash.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.infradash.base.ClockTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Locks a username + client address pair after too many consecutive failed logins. Keyed by the
 * pair, not the username alone, so somebody guessing at "admin" from one address cannot lock the
 * real admin out everywhere.
 *
 * <p>Failure counts live in a Caffeine cache bounded to {@code maxTracked} pairs (the least useful
 * go first when full), each forgotten one lock duration after its last failure. Locks live apart,
 * in a cache that only time empties: a flood of made-up usernames can push out failure counts but
 * never a running lock (security review finding). Locks cannot pile up either: each takes
 * {@code maxFailures} failed logins, and the failed-login budget per address ({@link RateLimits})
 * caps how fast any client can spend them.
 */
class LoginThrottle {

    private final int maxFailures;
    private final Duration lockDuration;
    private final Clock clock;
    private final Cache<Key, Integer> failures;
    private final Cache<Key, Instant> locks;

    LoginThrottle(SecurityProperties.Lockout lockout, Clock clock) {
        this.maxFailures = lockout.maxFailures();
        this.lockDuration = lockout.duration();
        this.clock = clock;
        ClockTicker ticker = new ClockTicker(clock);
        this.failures = Caffeine.newBuilder()
                .maximumSize(lockout.maxTracked())
                .expireAfterWrite(lockDuration)
                .ticker(ticker)
                // evictions run on the calling thread: no background work, and tests see them at once
                .executor(Runnable::run)
                .build();
        this.locks = Caffeine.newBuilder()
                .expireAfterWrite(lockDuration)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** How long the pair stays locked, or empty when it may try to log in. */
    Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Instant until = locks.getIfPresent(new Key(username, address));
        if (until == null || !now.isBefore(until)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
    }

    /** Counts a failure; returns true when this failure locked the pair. */
    boolean failed(String username, String address) {
        Key key = new Key(username, address);
        int count = failures.asMap().merge(key, 1, Integer::sum);
        if (count < maxFailures) {
            return false;
        }
        // the pair gets a fresh set of attempts after the lock
        failures.invalidate(key);
        locks.put(key, clock.instant().plus(lockDuration));
        return true;
    }

    void succeeded(String username, String address) {
        failures.invalidate(new Key(username, address));
    }

    int trackedPairs() {
        failures.cleanUp();
        return (int) failures.estimatedSize();
    }

    int runningLocks() {
        locks.cleanUp();
        return (int) locks.estimatedSize();
    }

    private record Key(String username, String address) {}
}
