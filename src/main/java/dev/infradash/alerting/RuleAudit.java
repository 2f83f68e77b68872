package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes rule changes to the audit trail: who (the authenticated admin), from where (the client
 * address the trusted-proxy filter resolved; "ui" for the view, which runs outside a request of
 * its own), the action and the rule before and after. Rules hold no secrets.
 */
final class RuleAudit {

    private final AuditTrail trail;
    private final ObjectMapper json;
    private final Clock clock;

    RuleAudit(AuditTrail trail, ObjectMapper json, Clock clock) {
        this.trail = trail;
        this.json = json;
        this.clock = clock;
    }

    void record(String action, String ruleId, @Nullable AlertRule before, @Nullable AlertRule after) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication == null ? "system" : authentication.getName();
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : "unknown";
        trail.appendAfterTheFact(
                new AuditRecord(
                        clock.instant(), user, address, action, "rule:" + ruleId, tree(before), tree(after), null),
                "alert rule " + ruleId);
    }

    private JsonNode tree(@Nullable AlertRule rule) {
        return rule == null ? MissingNode.getInstance() : RuleJson.write(rule, json);
    }
}
