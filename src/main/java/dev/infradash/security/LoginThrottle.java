package dev.infradash.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Locks a username + client address pair after too many consecutive failed logins. Keyed by the
 * pair, not the username alone, so somebody guessing at "admin" from one address cannot lock the
 * real admin out everywhere. Memory is bounded: at most {@code maxTracked} pairs, failures are
 * forgotten after the lock duration, and when full the least recently used pair goes first.
 */
class LoginThrottle {

    private final int maxFailures;
    private final Duration lockDuration;
    private final int maxTracked;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(SecurityProperties.Lockout lockout, Clock clock) {
        this.maxFailures = lockout.maxFailures();
        this.lockDuration = lockout.duration();
        this.maxTracked = lockout.maxTracked();
        this.clock = clock;
    }

    /** How long the pair stays locked, or empty when it may try to log in. */
    synchronized Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Entry entry = entries.get(new Key(username, address));
        if (entry == null || entry.lockedUntil == null || !now.isBefore(entry.lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, entry.lockedUntil));
    }

    /** Counts a failure; returns true when this failure locked the pair. */
    synchronized boolean failed(String username, String address) {
        Instant now = clock.instant();
        Key key = new Key(username, address);
        Entry entry = entries.get(key);
        if (entry == null || entry.expired(now, lockDuration)) {
            entry = new Entry();
            if (!entries.containsKey(key)) {
                makeRoom(now);
            }
            entries.put(key, entry);
        }
        entry.failures++;
        entry.lastFailure = now;
        if (entry.failures >= maxFailures) {
            entry.lockedUntil = now.plus(lockDuration);
            entry.failures = 0; // after the lock the pair gets a fresh set of attempts
            return true;
        }
        return false;
    }

    synchronized void succeeded(String username, String address) {
        entries.remove(new Key(username, address));
    }

    synchronized int trackedPairs() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        if (entries.size() < maxTracked) {
            return;
        }
        entries.values().removeIf(entry -> entry.expired(now, lockDuration));
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() >= maxTracked && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private record Key(String username, String address) {
    }

    private static final class Entry {
        int failures;
        @Nullable Instant lastFailure;
        @Nullable Instant lockedUntil;

        /** Nothing left to remember: no running lock and the last failure is older than a lock. */
        boolean expired(Instant now, Duration lockDuration) {
            boolean locked = lockedUntil != null && now.isBefore(lockedUntil);
            return !locked && (lastFailure == null || !now.isBefore(lastFailure.plus(lockDuration)));
        }
    }
}
