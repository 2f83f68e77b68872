package dev.infradash.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.infradash.audit.AuditTrail;
import dev.infradash.audit.ChangeRecorder;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes user and token changes to the audit trail: who (the authenticated admin), from where
 * (the client of the request in progress, as the trusted-proxy filter resolved it), what, and
 * before/after. Never a password, hash or token secret: callers pass only roles and summaries.
 */
@Component
class AccountAudit {

    private final ChangeRecorder changes;
    private final ObjectMapper json;

    AccountAudit(AuditTrail trail, ObjectMapper json, Clock clock) {
        this.changes = new ChangeRecorder(trail, clock);
        this.json = json;
    }

    void record(String action, String subject, @Nullable Object before, @Nullable Object after) {
        changes.record(action, subject, tree(before), tree(after), subject);
    }

    private JsonNode tree(@Nullable Object value) {
        return value == null ? MissingNode.getInstance() : json.valueToTree(value);
    }
}
