package dev.infradash.fleet;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A pending or firing Prometheus alert that names a server.
 *
 * @param severity the rule's severity label (critical, warning, info), or empty
 * @param state    pending or firing
 * @param since    when its condition became true
 */
public record ServerAlert(
        String name,
        String severity,
        String state,
        @Nullable Instant since,
        String summary) {

    public boolean firing() {
        return "firing".equals(state);
    }

    /** Higher is worse: critical 3, warning 2, anything else 1. */
    public int severityRank() {
        return switch (severity) {
            case "critical" -> 3;
            case "warning" -> 2;
            default -> 1;
        };
    }
}
