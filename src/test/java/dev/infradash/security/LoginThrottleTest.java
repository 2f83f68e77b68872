package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle =
            new LoginThrottle(new SecurityProperties.Lockout(5, Duration.ofSeconds(60), 100), clock);

    @Test
    void locksAfterFiveConsecutiveFailuresForSixtySeconds() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
            assertThat(throttle.lockedFor("admin", "10.0.0.1")).isEmpty();
        }
        assertThat(throttle.failed("admin", "10.0.0.1")).isTrue();
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).hasValue(Duration.ofSeconds(60));
        assertThat(throttle.lockedFor("admin", "10.0.0.2"))
                .as("another address")
                .isEmpty();
        assertThat(throttle.lockedFor("other", "10.0.0.1")).as("another user").isEmpty();

        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("admin", "10.0.0.1"))
                .as("a fresh set of attempts after the lock")
                .isFalse();
    }

    @Test
    void aSuccessResetsAndOldFailuresAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "a");
        }
        throttle.succeeded("admin", "a");
        assertThat(throttle.failed("admin", "a")).isFalse();

        for (int i = 0; i < 3; i++) {
            throttle.failed("admin", "b");
        }
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("admin", "b")).isFalse();
        }
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("user-" + i, "10.0.0.1");
        }
        assertThat(throttle.trackedPairs()).isLessThanOrEqualTo(100);
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isPresent();
    }

    /** Security review: flooding the table with junk usernames used to evict a running lock. */
    @Test
    void aFloodOfMadeUpUsernamesNeverEndsARunningLock() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "10.0.0.9");
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.9")).isPresent();
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("junk-" + i, "10.0.0." + (i % 200));
        }
        assertThat(throttle.trackedPairs()).isLessThanOrEqualTo(100);
        assertThat(throttle.lockedFor("admin", "10.0.0.9"))
                .as("still locked after the flood")
                .isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.lockedFor("admin", "10.0.0.9"))
                .as("and the lock ends on time")
                .isEmpty();
        assertThat(throttle.runningLocks()).isZero();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
