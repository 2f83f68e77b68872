package dev.infradash.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Writes under a path prefix that a cross-site page cannot send with the user's cookies: PUT,
 * PATCH and DELETE, and POSTs with {@code Content-Type: application/json}. A form can send none
 * of them, and a cross-site fetch needs a CORS preflight first (no origins are allowed by
 * default), so these need no CSRF token and scripts with HTTP Basic or a Bearer token work.
 *
 * <p>A body-less POST ({@code curl -u admin:... -X POST .../test}) has no Content-Type, and a
 * cross-site {@code fetch(url, {method: "POST", credentials: "include"})} looks the same: it
 * needs no preflight and carries the session cookie and even Basic credentials the browser
 * cached after the API's 401 challenge. So such a POST skips the token only when it presents its
 * own Authorization header and shows no sign of a browser page: browsers send {@code Origin} on
 * every cross-origin POST (fetch, form, beacon) and {@code Sec-Fetch-Site} on every request.
 * Any other POST there (a form's text/plain or urlencoded, a cookie-only one) still needs the token.
 */
record JsonApiWrites(String prefix) implements RequestMatcher {

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(prefix)) return false;
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE")) return true;
        if (!method.equals("POST")) return false;
        String type = request.getContentType();
        if (type == null) return isBodyless(request) && presentsOwnCredentials(request) && !sentByAPage(request);
        return type.toLowerCase(Locale.ROOT).strip().startsWith("application/json");
    }

    private static boolean isBodyless(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
    }

    private static boolean presentsOwnCredentials(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) return false;
        String scheme = authorization.strip().toLowerCase(Locale.ROOT);
        return scheme.startsWith("basic ") || scheme.startsWith("bearer ");
    }

    private static boolean sentByAPage(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        return request.getHeader("Origin") != null || (site != null && !site.equalsIgnoreCase("none"));
    }
}
