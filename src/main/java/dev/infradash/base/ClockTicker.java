package dev.infradash.base;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/**
 * Caffeine's expiry time read from the app's {@link Clock}: one source of time, so a test that
 * moves its clock moves every cache's expiry with it and needs no sleeps.
 */
public record ClockTicker(Clock clock) implements Ticker {

    @Override
    public long read() {
        Instant now = clock.instant();
        // nanoseconds since the epoch fit a long until the year 2262
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
