package dev.infradash.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Token buckets (Bucket4j) per client address and per user, held in bounded Caffeine caches: a
 * bucket idle for ten minutes is full again anyway and is dropped. A flood of addresses can push
 * out other addresses' buckets, which only gives them a fresh budget; it never costs memory.
 *
 * <p>Three budgets: API requests per address and per user; {@code /series} requests per address
 * (each is a range query to Prometheus); failed logins per address, over the form and HTTP Basic,
 * which stops the made-up-username flood that the per-user lockout cannot see and that made every
 * request pay a bcrypt hash.
 */
class RateLimits {

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final Budget api;
    private final Budget series;
    private final Budget loginFailures;
    private final Budget loginFailuresByUser;
    private final MeterRegistry meters;

    RateLimits(SecurityProperties.RateLimit limits, MeterRegistry meters) {
        this.meters = meters;
        this.api = new Budget(limits.apiPerMinute(), limits.maxTracked());
        this.series = new Budget(limits.seriesPerMinute(), limits.maxTracked());
        this.loginFailures = new Budget(limits.loginFailuresPerMinute(), limits.maxTracked());
        this.loginFailuresByUser = new Budget(limits.loginFailuresPerUserPerMinute(), limits.maxTracked());
    }

    /** Takes one API request from the address's budget; empty when allowed, else the seconds to wait. */
    OptionalLong takeApiByAddress(String address) {
        return take(api, "api", "address:" + address);
    }

    /** Takes one API request from the user's budget, whatever address it comes from. */
    OptionalLong takeApiByUser(String username) {
        return take(api, "api", "user:" + username);
    }

    OptionalLong takeSeries(String address) {
        return take(series, "series", address);
    }

    /** Whether the address may try a password now; costs nothing (a failure costs, see {@link #loginFailed}). */
    OptionalLong loginAllowed(String address) {
        long available = loginFailures.bucket(address).getAvailableTokens();
        if (available > 0) {
            return OptionalLong.empty();
        }
        refused("login_failures");
        return OptionalLong.of(loginFailures.secondsUntilOne(address));
    }

    void loginFailed(String address) {
        loginFailures.bucket(address).tryConsume(1);
    }

    /** Whether this username may be tried now, from any address; empty when it may, else the seconds to wait. */
    OptionalLong loginAllowedForUser(String username) {
        if (loginFailuresByUser.bucket(username).getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        refused("login_failures_per_user");
        return OptionalLong.of(loginFailuresByUser.secondsUntilOne(username));
    }

    void loginFailedForUser(String username) {
        loginFailuresByUser.bucket(username).tryConsume(1);
    }

    private OptionalLong take(Budget budget, String name, String key) {
        ConsumptionProbe probe = budget.bucket(key).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        refused(name);
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    private void refused(String limit) {
        meters.counter("infradash.ratelimit.refused", "limit", limit).increment();
    }

    /** One budget: per key, {@code perMinute} requests refilled evenly, all of them usable at once. */
    private static final class Budget {

        private final Cache<String, Bucket> buckets;
        private final Function<String, Bucket> create;

        Budget(int perMinute, int maxTracked) {
            this.buckets = Caffeine.newBuilder()
                    .maximumSize(maxTracked)
                    .expireAfterAccess(IDLE)
                    .build();
            Bandwidth bandwidth = Bandwidth.builder()
                    .capacity(perMinute)
                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                    .build();
            this.create = key -> Bucket.builder().addLimit(bandwidth).build();
        }

        Bucket bucket(String key) {
            return buckets.get(key, create);
        }

        long secondsUntilOne(String key) {
            long nanos = bucket(key).estimateAbilityToConsume(1).getNanosToWaitForRefill();
            return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        }
    }
}
