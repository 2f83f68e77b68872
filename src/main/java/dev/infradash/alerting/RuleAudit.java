package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.infradash.audit.AuditTrail;
import dev.infradash.audit.ChangeRecorder;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Writes rule changes to the audit trail: who (the authenticated admin), from where (the client
 * address the trusted-proxy filter resolved; "ui" for the view, which runs outside a request of
 * its own), the action and the rule before and after. Rules hold no secrets.
 */
final class RuleAudit {

    private final ChangeRecorder changes;
    private final ObjectMapper json;

    RuleAudit(AuditTrail trail, ObjectMapper json, Clock clock) {
        this.changes = new ChangeRecorder(trail, clock);
        this.json = json;
    }

    void record(String action, String ruleId, @Nullable AlertRule before, @Nullable AlertRule after) {
        changes.record(action, "rule:" + ruleId, tree(before), tree(after), "alert rule " + ruleId);
    }

    private JsonNode tree(@Nullable AlertRule rule) {
        return rule == null ? MissingNode.getInstance() : RuleJson.write(rule, json);
    }
}
