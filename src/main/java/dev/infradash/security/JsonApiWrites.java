package dev.infradash.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Writes under a path prefix that a cross-site page cannot send with the user's cookies: PUT,
 * PATCH and DELETE, and POSTs with {@code Content-Type: application/json}. A form can send none
 * of them, and a cross-site fetch needs a CORS preflight first (no origins are allowed by
 * default), so these need no CSRF token and scripts with HTTP Basic or a Bearer token work.
 * Any other POST there (a form's text/plain or urlencoded) still needs the CSRF token.
 */
record JsonApiWrites(String prefix) implements RequestMatcher {

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(prefix)) return false;
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE")) return true;
        String type = request.getContentType();
        return method.equals("POST")
                && type != null
                && type.toLowerCase(Locale.ROOT).strip().startsWith("application/json");
    }
}
