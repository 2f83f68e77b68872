package dev.infradash.base;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Caffeine's expiry time read from the app's {@link Clock}: one source of time, so a test that
 * moves its clock moves every cache's expiry with it and needs no sleeps.
 *
 * @param origin tick 0. Nanoseconds since the epoch would be near the top of a long, and Caffeine
 *               adds large offsets to tick values (in-flight async loads), which would overflow.
 */
public record ClockTicker(Clock clock, Instant origin) implements Ticker {

    /** Ticks from now. */
    public ClockTicker(Clock clock) {
        this(clock, clock.instant());
    }

    @Override
    public long read() {
        return Duration.between(origin, clock.instant()).toNanos();
    }
}
