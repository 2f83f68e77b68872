package dev.infradash.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request over its budget ({@link RateLimits}) with 429 and {@code Retry-After}. Used
 * twice: before security, by client address (API, {@code /series}, and password attempts, which
 * must be refused before bcrypt runs); and inside the API chain after authentication, by user,
 * because only there is the user known (a name in an unverified Basic header could be anybody's).
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final boolean byUser;

    private RateLimitFilter(RateLimits limits, boolean byUser) {
        this.limits = limits;
        this.byUser = byUser;
    }

    static RateLimitFilter byAddress(RateLimits limits) {
        return new RateLimitFilter(limits, false);
    }

    static RateLimitFilter byUser(RateLimits limits) {
        return new RateLimitFilter(limits, true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OptionalLong wait = byUser ? checkUser(request) : checkAddress(request);
        if (wait.isPresent()) {
            refuse(request, response, wait.getAsLong());
            return;
        }
        chain.doFilter(request, response);
    }

    private OptionalLong checkAddress(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean passwordAttempt = ("POST".equals(request.getMethod()) && path.equals(SecurityConfiguration.LOGIN_PATH))
                || startsWithIgnoreCase(request.getHeader("Authorization"), "Basic ")
                || startsWithIgnoreCase(request.getHeader("Authorization"), "Bearer ");
        if (passwordAttempt) {
            OptionalLong wait = limits.loginAllowed(address);
            if (wait.isPresent()) {
                return wait;
            }
        }
        if (!path.startsWith("/api/")) {
            return OptionalLong.empty();
        }
        OptionalLong wait = limits.takeApiByAddress(address);
        if (wait.isEmpty() && path.startsWith("/api/servers/") && path.endsWith("/series")) {
            wait = limits.takeSeries(address);
        }
        return wait;
    }

    private OptionalLong checkUser(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return OptionalLong.empty();
        }
        return limits.takeApiByUser(authentication.getName());
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long seconds)
            throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String detail = "Too many requests from your address or account; try again in " + seconds + " s.";
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || startsWithIgnoreCase(request.getHeader("Authorization"), "Basic ")) {
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429," + "\"detail\":\""
                            + detail + "\",\"instance\":\"" + jsonSafe(request.getRequestURI()) + "\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter()
                    .write("<!doctype html><title>Too many attempts · Infradash</title><p>" + detail
                            + "</p><p><a href=\"" + request.getContextPath() + SecurityConfiguration.LOGIN_PATH
                            + "\">Back to the login</a></p>");
        }
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value != null && value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The request path, with anything JSON or HTML would read as syntax dropped. */
    private static String jsonSafe(String path) {
        return path.replaceAll("[^A-Za-z0-9/._~%-]", "");
    }
}
