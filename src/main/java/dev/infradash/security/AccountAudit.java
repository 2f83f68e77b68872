package dev.infradash.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes user and token changes to the audit trail: who (the authenticated admin), from where
 * (the client of the request in progress, as the trusted-proxy filter resolved it), what, and
 * before/after. Never a password, hash or token secret: callers pass only roles and summaries.
 */
@Component
class AccountAudit {

    private final AuditTrail trail;
    private final ObjectMapper json;
    private final Clock clock;

    AccountAudit(AuditTrail trail, ObjectMapper json, Clock clock) {
        this.trail = trail;
        this.json = json;
        this.clock = clock;
    }

    void record(String action, String subject, @Nullable Object before, @Nullable Object after) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication == null ? "system" : authentication.getName();
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : "unknown";
        trail.appendAfterTheFact(
                new AuditRecord(clock.instant(), user, address, action, subject, tree(before), tree(after), null),
                subject);
    }

    private JsonNode tree(@Nullable Object value) {
        return value == null ? MissingNode.getInstance() : json.valueToTree(value);
    }
}
