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
 * <p>Memory is bounded by a Caffeine cache: at most {@code maxTracked} pairs (the least useful go
 * first when full), and a pair is forgotten one lock duration after its last failure. That is
 * also when a lock set by that failure ends, so expire-after-write is exactly "nothing left to
 * remember".
 */
class LoginThrottle {

    private final int maxFailures;
    private final Duration lockDuration;
    private final Clock clock;
    private final Cache<Key, Failures> failures;

    LoginThrottle(SecurityProperties.Lockout lockout, Clock clock) {
        this.maxFailures = lockout.maxFailures();
        this.lockDuration = lockout.duration();
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(lockout.maxTracked())
                .expireAfterWrite(lockDuration)
                .ticker(new ClockTicker(clock))
                // evictions run on the calling thread: no background work, and tests see them at once
                .executor(Runnable::run)
                .build();
    }

    /** How long the pair stays locked, or empty when it may try to log in. */
    Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Failures entry = failures.getIfPresent(new Key(username, address));
        if (entry == null || entry.lockedUntil() == null || !now.isBefore(entry.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, entry.lockedUntil()));
    }

    /** Counts a failure; returns true when this failure locked the pair. */
    boolean failed(String username, String address) {
        Instant now = clock.instant();
        Failures entry = failures.asMap().compute(new Key(username, address), (key, old) -> {
            int count = (old == null ? 0 : old.count()) + 1;
            Instant runningLock = old == null ? null : old.lockedUntil();
            // after the lock the pair gets a fresh set of attempts; a running lock is kept
            return count >= maxFailures ? new Failures(0, now.plus(lockDuration), true)
                    : new Failures(count, runningLock, false);
        });
        return entry.justLocked();
    }

    void succeeded(String username, String address) {
        failures.invalidate(new Key(username, address));
    }

    int trackedPairs() {
        failures.cleanUp();
        return (int) failures.estimatedSize();
    }

    private record Key(String username, String address) {
    }

    /**
     * @param lockedUntil null when not locked
     * @param justLocked  the failure that wrote this entry set the lock
     */
    private record Failures(int count, Instant lockedUntil, boolean justLocked) {
    }
}
