package dev.infradash.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>It also bounds what anonymous visitors cost (security review: each anonymous
 * {@code GET /?v-r=init} made a session and a Vaadin UI kept for 30 minutes, and 18,000 of them
 * exhausted the container's heap). An anonymous session lives for a short idle time (the
 * heartbeat of an open login page or kiosk tab keeps it alive), and when one client address or
 * all of them hold too many, the least recently used are ended first, so a flood from one address
 * ends that address's own sessions before anybody else's.
 */
@Component
class ActiveSessions implements HttpSessionListener, HttpSessionIdListener {

    /** A session nobody has logged in to, and the client that opened it. */
    private record Anonymous(String address, HttpSession session) {}

    private static final Logger log = LoggerFactory.getLogger(ActiveSessions.class);

    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Anonymous> anonymous = new ConcurrentHashMap<>();
    private final SecurityProperties.AnonymousSessions limits;

    ActiveSessions(SecurityProperties properties) {
        this.limits = properties.anonymousSessions();
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession().getId());
        anonymous.remove(event.getSession().getId());
    }

    /** Login changes the id (session fixation protection); the session stays the same. */
    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.remove(oldSessionId);
        sessions.put(event.getSession().getId(), event.getSession());
        anonymous.remove(oldSessionId); // a login: the session is somebody's now
    }

    /**
     * After each request: a session that is still anonymous is counted against its client's and
     * the overall limit; a session that has just logged in gets the normal idle time back.
     */
    void afterRequest(HttpSession session, String address, int authenticatedTimeoutSeconds) {
        String id;
        try {
            id = session.getId();
            if (usernameOf(session) != null) {
                if (anonymous.remove(id) != null) {
                    session.setMaxInactiveInterval(authenticatedTimeoutSeconds);
                }
                return;
            }
        } catch (IllegalStateException invalidated) {
            return;
        }
        if (anonymous.putIfAbsent(id, new Anonymous(address, session)) != null) {
            return;
        }
        session.setMaxInactiveInterval((int) limits.idleTimeout().toSeconds());
        endLeastRecentlyUsed(
                anonymous.values().stream()
                        .filter(a -> a.address().equals(address))
                        .toList(),
                limits.maxPerAddress());
        endLeastRecentlyUsed(List.copyOf(anonymous.values()), limits.maxTotal());
    }

    private void endLeastRecentlyUsed(List<Anonymous> candidates, int keep) {
        if (candidates.size() <= keep) {
            return;
        }
        candidates.stream()
                .sorted(java.util.Comparator.comparingLong(ActiveSessions::lastAccessed))
                .limit(candidates.size() - keep)
                .forEach(candidate -> {
                    anonymous.remove(candidate.session().getId(), candidate);
                    try {
                        candidate.session().invalidate();
                    } catch (IllegalStateException alreadyInvalid) {
                        sessions.remove(candidate.session().getId());
                    }
                });
    }

    private static long lastAccessed(Anonymous candidate) {
        try {
            return candidate.session().getLastAccessedTime();
        } catch (IllegalStateException invalidated) {
            return Long.MIN_VALUE;
        }
    }

    int anonymousCount() {
        return anonymous.size();
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

    private static @Nullable String usernameOf(HttpSession session) {
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
