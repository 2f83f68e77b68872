package dev.infradash.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A rule as JSON: the REST API's shape, which is also how {@code alert-rules.json} stores it and
 * what the audit trail records, so one reader ({@link RuleValidator}) checks all three.
 */
final class RuleJson {

    private RuleJson() {}

    static ObjectNode write(AlertRule rule, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("id", rule.id());
        node.put("name", rule.name());
        node.put("condition", rule.condition().key());
        if (rule.threshold() != null) {
            node.put("threshold", rule.threshold());
        }
        node.put("for", RuleExpressions.promDuration(rule.forDuration()));
        node.put("severity", rule.severity().key());
        switch (rule.scope().kind()) {
            case ALL -> {}
            case ROLE -> node.putObject("scope").put("role", rule.scope().role());
            case SERVERS -> {
                ArrayNode servers = node.putObject("scope").putArray("servers");
                rule.scope().serverIds().forEach(servers::add);
            }
        }
        ArrayNode channels = node.putArray("channels");
        rule.channels().forEach(channels::add);
        node.put("enabled", rule.enabled());
        if (rule.advanced() != null) {
            node.put("advanced", rule.advanced());
        }
        if (!rule.service().isEmpty()) {
            node.put("service", rule.service());
        }
        return node;
    }

    /** As {@link #write}, plus the rule in words (read-only; ignored when sent back). */
    static ObjectNode described(AlertRule rule, ObjectMapper json) {
        return write(rule, json).put("description", RuleExpressions.sentence(rule));
    }
}
