package dev.infradash.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login and access settings. The data directory that holds {@code users.json} is
 * {@code infradash.data.dir}, read by {@link SecurityConfiguration} on its own so this record does
 * not overlap the data properties of the targets package.
 *
 * @param anonymousRead kiosk mode (env {@code INFRADASH_SECURITY_ANONYMOUS_READ}): the overview, the
 *                      server detail view and the read-only GET API open without login
 * @param adminPassword the password of user {@code admin} (env {@code INFRADASH_ADMIN_PASSWORD}),
 *                      plain or a {@code {bcrypt}} hash; applied at every start while set. Unset: a
 *                      random one is generated and logged once at the first start
 * @param trustedProxies reverse proxies whose X-Forwarded-For/-Proto are believed (env
 *                      {@code INFRADASH_TRUSTED_PROXIES}: IP addresses or CIDRs); none by default
 * @param rateLimit     request budgets per client address and per user
 * @param anonymousSessions what visitors who have not logged in may hold on the server
 */
@ConfigurationProperties("infradash.security")
@Validated
public record SecurityProperties(
        @DefaultValue("false") boolean anonymousRead,
        String adminPassword,
        @NotNull @Valid @DefaultValue Lockout lockout,
        @DefaultValue List<String> trustedProxies,
        @NotNull @Valid @DefaultValue RateLimit rateLimit,
        @NotNull @Valid @DefaultValue AnonymousSessions anonymousSessions) {

    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    public SecurityProperties {
        adminPassword = adminPassword == null || adminPassword.isBlank() ? null : adminPassword;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    @AssertTrue(message = "trusted-proxies must be IP addresses or CIDRs, comma-separated (no host names)")
    public boolean isTrustedProxiesValid() {
        try {
            TrustedProxies.parse(trustedProxies);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A typo in a hash would lock the admin out silently, a short password would be guessable. */
    @AssertTrue(
            message = "must be a {bcrypt} hash or a plain password of at least " + PasswordPolicy.MIN_LENGTH
                    + " characters")
    public boolean isAdminPasswordValid() {
        if (adminPassword == null) {
            return true;
        }
        if (adminPassword.startsWith("{bcrypt}")) {
            return BCRYPT.matcher(adminPassword).matches();
        }
        return PasswordPolicy.problem(adminPassword) == null;
    }

    boolean adminPasswordIsHash() {
        return adminPassword != null && adminPassword.startsWith("{bcrypt}");
    }

    /**
     * @param maxFailures consecutive failures of one username from one client address that lock the pair
     * @param duration    how long the pair stays locked; failures older than this are forgotten
     * @param maxTracked  pairs remembered at most, so a flood of made-up usernames cannot exhaust memory
     */
    /**
     * Request budgets, refilled evenly over a minute; all of a budget can be spent at once. The
     * defaults leave room for a script polling every second and 20 open tabs (which use push,
     * not the API); a refused request gets 429 with Retry-After.
     *
     * @param apiPerMinute            {@code /api/**} requests per client address, and per user
     * @param seriesPerMinute         {@code /api/servers/{id}/series} requests per address (each asks Prometheus a range query)
     * @param loginFailuresPerMinute  failed logins per address, form and HTTP Basic together
     * @param loginFailuresPerUserPerMinute failed logins per username from all addresses together: guesses
     *                                spread over many addresses (which each stay under the per-address
     *                                lockout) still meet a limit
     * @param maxTracked              addresses and users remembered per budget at most
     */
    public record RateLimit(
            @Min(1) @Max(1_000_000) @DefaultValue("600") int apiPerMinute,
            @Min(1) @Max(1_000_000) @DefaultValue("120") int seriesPerMinute,
            @Min(1) @Max(1_000_000) @DefaultValue("20") int loginFailuresPerMinute,
            @Min(1) @Max(1_000_000) @DefaultValue("100") int loginFailuresPerUserPerMinute,
            @Min(100) @Max(1_000_000) @DefaultValue("10000") int maxTracked) {}

    /**
     * Each anonymous session holds a Vaadin UI (~10 KB). With the defaults, anonymous visitors
     * hold at most ~10 MB however many requests they send.
     *
     * @param maxPerAddress anonymous sessions one client address may hold; its least recently used end first
     * @param maxTotal      anonymous sessions in all
     * @param idleTimeout   how long an anonymous session lives without a request (an open login page's
     *                      heartbeat, every 60 s, keeps it alive); a login gives the normal timeout back
     */
    public record AnonymousSessions(
            @Min(1) @Max(100_000) @DefaultValue("20") int maxPerAddress,
            @Min(1) @Max(1_000_000) @DefaultValue("1000") int maxTotal,

            @NotNull @DurationMin(seconds = 90) @DurationMax(hours = 24) @DefaultValue("3m")
            Duration idleTimeout) {}

    public record Lockout(
            @Min(1) @Max(1000) @DefaultValue("5") int maxFailures,

            @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) @DefaultValue("60s")
            Duration duration,

            @Min(100) @Max(1_000_000) @DefaultValue("10000") int maxTracked) {}
}
