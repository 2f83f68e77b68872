package dev.infradash.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/** Hands every request's session to {@link ActiveSessions} once the request is done, with its client. */
class SessionLimitFilter extends OncePerRequestFilter {

    private final ActiveSessions sessions;
    private final int authenticatedTimeoutSeconds;

    SessionLimitFilter(ActiveSessions sessions, Duration authenticatedTimeout) {
        this.sessions = sessions;
        this.authenticatedTimeoutSeconds = (int) authenticatedTimeout.toSeconds();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            HttpSession session = request.getSession(false);
            if (session != null) {
                sessions.afterRequest(session, request.getRemoteAddr(), authenticatedTimeoutSeconds);
            }
        }
    }
}
