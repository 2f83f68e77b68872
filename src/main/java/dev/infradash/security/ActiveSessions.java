package dev.infradash.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The live HTTP sessions, so that revoking a user (role change, deletion, password reset) ends
 * that user's sessions at once. Marking a session expired would not do: Vaadin's push messages
 * over WebSocket never pass the security filters again, so an open view would keep working. An
 * invalidated HTTP session closes its Vaadin session and every UI in it.
 */
@Component
class ActiveSessions implements HttpSessionListener, HttpSessionIdListener {

    private static final Logger log = LoggerFactory.getLogger(ActiveSessions.class);

    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession().getId());
    }

    /** Login changes the id (session fixation protection); the session stays the same. */
    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.remove(oldSessionId);
        sessions.put(event.getSession().getId(), event.getSession());
    }

    /** Ends every session logged in as this user; returns how many. */
    int endSessionsOf(String username) {
        int ended = 0;
        for (HttpSession session : List.copyOf(sessions.values())) {
            if (username.equals(usernameOf(session))) {
                try {
                    session.invalidate();
                    ended++;
                } catch (IllegalStateException alreadyInvalid) {
                    sessions.remove(session.getId(), session);
                }
            }
        }
        if (ended > 0) {
            log.info("Ended {} session(s) of user '{}'", ended, username);
        }
        return ended;
    }

    int count() {
        return sessions.size();
    }

    private static String usernameOf(HttpSession session) {
        try {
            Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            if (context instanceof SecurityContext security) {
                Authentication authentication = security.getAuthentication();
                return authentication == null ? null : authentication.getName();
            }
            return null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
