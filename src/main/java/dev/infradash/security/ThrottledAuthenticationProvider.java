package dev.infradash.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The only way to log in, for the login form and HTTP Basic alike: asks the throttle before the
 * password is even checked, so a locked pair learns nothing, not even that the password was right.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    static final String FAILURES_METRIC = "infradash.login.failures";

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final RateLimits limits;
    private final Counter badCredentials;
    private final Counter locked;

    ThrottledAuthenticationProvider(
            AuthenticationProvider delegate, LoginThrottle throttle, MeterRegistry meters, RateLimits limits) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.limits = limits;
        // registered up front so the series exist, at 0, before the first failure
        this.badCredentials = failures(meters, "bad_credentials");
        this.locked = failures(meters, "locked");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName() == null ? "" : authentication.getName();
        String address = clientAddress(authentication);
        var lockedFor = throttle.lockedFor(username, address);
        if (lockedFor.isPresent()) {
            locked.increment();
            throw new LoginLockedException(lockedFor.get());
        }
        var userBudget = limits.loginAllowedForUser(username);
        if (userBudget.isPresent()) {
            locked.increment();
            throw new LoginLockedException(java.time.Duration.ofSeconds(userBudget.getAsLong()));
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            if (result != null) {
                throttle.succeeded(username, address);
            }
            return result;
        } catch (BadCredentialsException e) {
            badCredentials.increment();
            throttle.failed(username, address);
            limits.loginFailed(address); // the per-address budget sees made-up usernames too
            limits.loginFailedForUser(username); // ...and the per-user one guesses from many addresses
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    /**
     * The client: the TCP peer, or behind a trusted proxy the address it forwarded
     * ({@link TrustedProxyFilter}); never a header from anybody else.
     */
    private static String clientAddress(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }

    private static Counter failures(MeterRegistry meters, String reason) {
        return Counter.builder(FAILURES_METRIC)
                .description("Refused logins")
                .tag("reason", reason)
                .register(meters);
    }
}
