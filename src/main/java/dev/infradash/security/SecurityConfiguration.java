package dev.infradash.security;

import static org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.server.auth.AnnotatedViewAccessChecker;
import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two filter chains. The API and actuator chain answers 401/403 as JSON and accepts HTTP Basic
 * besides the browser session; the UI chain is Vaadin's ({@link VaadinSecurityConfigurer}, the 24.9
 * successor of the deprecated {@code VaadinWebSecurity}) with the login view. Both log in through
 * the one throttled {@link AuthenticationManager}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String LOGIN_PATH = "/login";
    private static final String[] OPEN_ENDPOINTS = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus"};
    private static final String[] READ_API = {"/api/servers", "/api/servers/**", "/api/health"};
    /**
     * Not a full CSP: Vaadin needs inline styles and eval-like script loading. These three
     * directives cost Vaadin nothing and stop framing, plugins and base-URL hijacking.
     */
    private static final String CONTENT_SECURITY_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(
            HttpSecurity http,
            SecurityProperties properties,
            AuthenticationManager authenticationManager,
            ObjectMapper json,
            RateLimits limits,
            ApiTokenService tokens)
            throws Exception {
        ApiErrorResponses errors = new ApiErrorResponses(json);
        http.securityMatcher("/api/**", "/actuator/**")
                .authenticationManager(authenticationManager)
                // CORS before authentication: a preflight carries no credentials. The allowed
                // origins are the MVC mappings of ApiCorsConfiguration (none by default).
                .cors(Customizer.withDefaults())
                .authorizeHttpRequests(requests -> {
                    // probes and Prometheus scraping the app have no credentials
                    requests.requestMatchers(OPEN_ENDPOINTS).permitAll();
                    requests.requestMatchers(HttpMethod.GET, "/api/health").permitAll();
                    if (properties.anonymousRead()) {
                        requests.requestMatchers(HttpMethod.GET, READ_API).permitAll();
                    }
                    requests.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
                    requests.anyRequest().hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name());
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .addFilterBefore(new ApiTokenFilter(tokens, limits, errors), BasicAuthenticationFilter.class)
                // Scripts write the target list with HTTP Basic and no CSRF token. Cross-site requests
                // still cannot write: every write needs an If-Match header (428 without), which a form
                // cannot send, and a cross-site fetch with it needs a CORS preflight (no origins allowed
                // by default); PUT and DELETE cannot be sent by a form at all.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/targets/**")
                        // alerting scripts post JSON without If-Match: see JsonApiWrites for why that is safe
                        .ignoringRequestMatchers(new JsonApiWrites("/api/alerting/"))
                        .ignoringRequestMatchers(new JsonApiWrites("/api/users"), new JsonApiWrites("/api/tokens")))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                // an API call must not become the page the browser is sent to after its next login
                .requestCache(cache -> cache.disable())
                .addFilterAfter(RateLimitFilter.byUser(limits), AuthorizationFilter.class)
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
        http.authenticationManager(authenticationManager)
                // Spring Boot's error page renders failures of requests that were already allowed
                .authorizeHttpRequests(requests ->
                        requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll())
                // the login page here too, not only in Vaadin's configurer: this call comes first, and
                // without it Spring would switch on its own generated login page for /login
                .formLogin(form -> form.loginPage(LOGIN_PATH).failureHandler(new LoginFailureHandler(LOGIN_PATH)))
                .headers(SecurityConfiguration::headers)
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    /**
     * Spring's defaults (nosniff, X-Frame-Options DENY, no-cache for responses that carry data, HSTS
     * only on HTTPS requests) plus a referrer policy and a minimal CSP. Behind a TLS-terminating
     * proxy set server.forward-headers-strategy so HSTS sees the request as secure.
     */
    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(SAME_ORIGIN))
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .httpStrictTransportSecurity(Customizer.withDefaults());
    }

    /**
     * Replaces Vaadin's plain annotation checker by one that also knows kiosk mode. Static, as
     * Vaadin advises, because the navigation access control is built while security is configured.
     */
    @Bean
    static NavigationAccessControlConfigurer navigationAccessControlConfigurer(
            SecurityProperties properties, AnnotatedViewAccessChecker annotations) {
        return new NavigationAccessControlConfigurer()
                .withNavigationAccessChecker(new KioskViewAccessChecker(properties.anonymousRead(), annotations))
                .withLoginView(LoginView.class);
    }

    /** BCrypt only: a {noop} or otherwise weak entry typed into users.json never matches. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder()));
    }

    /**
     * The data directory is {@code infradash.data.dir} (env {@code INFRADASH_DATA_DIR}), read here by
     * itself so the security package does not depend on the targets package's data properties.
     */
    @Bean
    UserStore userStore(
            @Value("${infradash.data.dir:data}") Path dataDir,
            ObjectMapper json,
            SecurityProperties properties,
            PasswordEncoder encoder,
            ActiveSessions sessions) {
        // a user another instance revoked loses their sessions here too
        UserStore store = new UserStore(dataDir, json, names -> names.forEach(sessions::endSessionsOf));
        AdminBootstrap.ensureAdmin(store, properties, encoder, new SecureRandom());
        return store;
    }

    @Bean
    ApiTokenStore apiTokenStore(@Value("${infradash.data.dir:data}") Path dataDir, ObjectMapper json) {
        return new ApiTokenStore(dataDir, json);
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties, Clock clock) {
        return new LoginThrottle(properties.lockout(), clock);
    }

    /** Also makes Spring Boot drop its generated in-memory "user". */
    @Bean
    AuthenticationManager authenticationManager(
            UserStore store, PasswordEncoder encoder, LoginThrottle throttle, MeterRegistry meters, RateLimits limits) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new StoredUserDetailsService(store));
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, meters, limits));
    }

    @Bean
    RateLimits rateLimits(SecurityProperties properties, MeterRegistry meters) {
        return new RateLimits(properties.rateLimit(), meters);
    }

    /** First of all filters: security, the lockout and the rate limits must see the real client. */
    @Bean
    FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(SecurityProperties properties) {
        var registration =
                new FilterRegistrationBean<>(new TrustedProxyFilter(TrustedProxies.parse(properties.trustedProxies())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Counts and bounds anonymous sessions once each request is done (after the real client is known). */
    @Bean
    FilterRegistrationBean<SessionLimitFilter> sessionLimitFilter(
            ActiveSessions sessions,
            @Value("${server.servlet.session.timeout:30m}") java.time.Duration sessionTimeout) {
        var registration = new FilterRegistrationBean<>(new SessionLimitFilter(sessions, sessionTimeout));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Before security: a login posted by another site is no attempt at all, and locks nobody out. */
    @Bean
    FilterRegistrationBean<LoginOriginFilter> loginOriginFilter() {
        var registration = new FilterRegistrationBean<>(new LoginOriginFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Before security, so a refused password attempt never reaches bcrypt. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitByAddressFilter(RateLimits limits) {
        var registration = new FilterRegistrationBean<>(RateLimitFilter.byAddress(limits));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
