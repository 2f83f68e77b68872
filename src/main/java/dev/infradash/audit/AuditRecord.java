package dev.infradash.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail.
 *
 * @param action  what was done, e.g. {@code add} (a server), {@code user-role}, {@code token-create}
 * @param subject what it was done to, e.g. a server id, {@code user:alice}, {@code token:abc123};
 *                empty for changes of the whole targets list
 * @param before  the subject as it was (JSON; missing for a creation); never a secret
 * @param after   the subject as it is now (JSON; missing for a deletion); never a secret
 * @param note    extra context, or null
 */
public record AuditRecord(
        Instant time,
        String user,
        String clientAddress,
        String action,
        String subject,
        JsonNode before,
        JsonNode after,
        @Nullable String note) {}
