package dev.infradash.targets;

import java.util.Locale;
import java.util.Optional;

/** What a change to the targets file did, as the audit log names it. */
public enum AuditAction {
    ADD,
    UPDATE,
    DELETE,
    REPLACE,
    OVERWRITE_UNPARSEABLE;

    /** The value in audit.jsonl: add, update, delete, replace, overwrite-unparseable. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<AuditAction> fromLabel(String label) {
        for (AuditAction action : values()) {
            if (action.label().equals(label)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
