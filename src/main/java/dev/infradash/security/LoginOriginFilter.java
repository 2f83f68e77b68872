package dev.infradash.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login POST sent by another site (security review: a page the admin visits could post
 * five wrong passwords and lock the admin out from their own address). Browsers name the page's
 * origin in {@code Origin} on every cross-site POST, and modern ones add {@code Sec-Fetch-Site};
 * a login whose origin is not this app's never reaches the password check, so it counts as no
 * failure. A request with neither header is no browser's, and a non-browser cannot be made to
 * send anything by a web page.
 */
class LoginOriginFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !("POST".equals(request.getMethod()) && path.equals(SecurityConfiguration.LOGIN_PATH));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (crossSite(request)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Log in from Infradash's own login page: this login came from another site.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        String own = request.getScheme() + "://" + (host == null ? request.getServerName() : host);
        return !normalise(origin).equals(normalise(own));
    }

    /** Lower case, default ports dropped: http://Example:80 is http://example. */
    private static String normalise(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") && lower.endsWith(":80")) {
            return lower.substring(0, lower.length() - 3);
        }
        if (lower.startsWith("https://") && lower.endsWith(":443")) {
            return lower.substring(0, lower.length() - 4);
        }
        return lower;
    }
}
