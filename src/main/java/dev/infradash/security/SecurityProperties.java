package dev.infradash.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
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
 */
@ConfigurationProperties("infradash.security")
@Validated
public record SecurityProperties(@DefaultValue("false") boolean anonymousRead,
                                 String adminPassword,
                                 @NotNull @Valid @DefaultValue Lockout lockout) {

    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    public SecurityProperties {
        adminPassword = adminPassword == null || adminPassword.isBlank() ? null : adminPassword;
    }

    /** A typo in a hash would lock the admin out silently, a short password would be guessable. */
    @AssertTrue(message = "must be a {bcrypt} hash or a plain password of at least "
            + PasswordPolicy.MIN_LENGTH + " characters")
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
    public record Lockout(@Min(1) @Max(1000) @DefaultValue("5") int maxFailures,
                          @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) @DefaultValue("60s") Duration duration,
                          @Min(100) @Max(1_000_000) @DefaultValue("10000") int maxTracked) {
    }
}
