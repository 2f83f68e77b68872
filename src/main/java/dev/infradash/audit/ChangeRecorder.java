package dev.infradash.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records a change made by whoever is signed in now: the authenticated user ("system" without
 * one), the client address of the request in progress as the trusted-proxy filter resolved it
 * ("unknown" outside a request), the action, and the subject before and after. The callers
 * (users and tokens, channels, alert rules) pass their subject as JSON without secrets.
 */
public final class ChangeRecorder {

    private final AuditTrail trail;
    private final Clock clock;

    public ChangeRecorder(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * @param before  MissingNode when the subject is new
     * @param after   MissingNode when it is gone
     * @param changed what changed, for the log line when the trail cannot be written
     */
    public void record(String action, String subject, JsonNode before, JsonNode after, String changed) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication == null ? "system" : authentication.getName();
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : "unknown";
        trail.appendAfterTheFact(
                new AuditRecord(clock.instant(), user, address, action, subject, before, after, null), changed);
    }
}
