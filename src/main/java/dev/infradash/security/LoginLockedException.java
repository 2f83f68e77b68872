package dev.infradash.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/** A login refused without checking the password, because the username + address pair is locked. */
class LoginLockedException extends LockedException {

    private final Duration retryAfter;

    LoginLockedException(Duration retryAfter) {
        super("Too many failed logins, try again in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up: "0 s" would invite a retry that is still refused. */
    long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
