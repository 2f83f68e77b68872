package dev.infradash.targets;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One change of the targets file.
 *
 * @param before the affected servers as they were (empty for add)
 * @param after  the affected servers as they are now (empty for delete)
 * @param note   extra context, e.g. where the broken file was kept; null when there is none
 */
public record AuditEntry(
        Instant time,
        String user,
        String clientAddress,
        AuditAction action,
        List<ServerDefinition> before,
        List<ServerDefinition> after,
        @Nullable String note) {

    public AuditEntry {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
