package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Channel changes in the audit trail: who, from where, what, before and after, always masked
 * ({@link Channel#masked()}): a secret never reaches the audit log, only whether one is set.
 */
class ChannelAudit {

    private final AuditTrail trail;
    private final ObjectMapper json;
    private final Clock clock;

    ChannelAudit(AuditTrail trail, ObjectMapper json, Clock clock) {
        this.trail = trail;
        this.json = json;
        this.clock = clock;
    }

    void record(String action, Channel subject, @Nullable Channel before, @Nullable Channel after) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication == null ? "system" : authentication.getName();
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : "unknown";
        trail.appendAfterTheFact(
                new AuditRecord(
                        clock.instant(),
                        user,
                        address,
                        action,
                        "channel:" + subject.id(),
                        tree(before),
                        tree(after),
                        null),
                "channel " + subject.id());
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
