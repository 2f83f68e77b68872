package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.infradash.audit.AuditTrail;
import dev.infradash.audit.ChangeRecorder;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Channel changes in the audit trail: who, from where, what, before and after, always masked
 * ({@link Channel#masked()}): a secret never reaches the audit log, only whether one is set.
 */
class ChannelAudit {

    private final ChangeRecorder changes;
    private final ObjectMapper json;

    ChannelAudit(AuditTrail trail, ObjectMapper json, Clock clock) {
        this.changes = new ChangeRecorder(trail, clock);
        this.json = json;
    }

    void record(String action, Channel subject, @Nullable Channel before, @Nullable Channel after) {
        changes.record(action, "channel:" + subject.id(), tree(before), tree(after), "channel " + subject.id());
    }

    private JsonNode tree(@Nullable Channel channel) {
        if (channel == null) return MissingNode.getInstance();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("name", channel.name());
        shown.put("type", channel.type().id());
        shown.put("settings", channel.masked());
        return json.valueToTree(shown);
    }
}
