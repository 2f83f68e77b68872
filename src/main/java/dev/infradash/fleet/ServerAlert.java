package dev.infradash.fleet;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A pending or firing Prometheus alert that names a server.
 *
 * @param severity the rule's severity label (critical, warning, info), or empty
 * @param state    pending or firing
 * @param since    when its condition became true
 * @param silencedBy ids of the Alertmanager silences that mute it now (empty: not silenced)
 * @param silencedUntil when the last of those silences ends, or null when not silenced
 */
public record ServerAlert(
        String name,
        String severity,
        String state,
        @Nullable Instant since,
        String summary,
        List<String> silencedBy,
        @Nullable Instant silencedUntil) {

    public ServerAlert {
        silencedBy = List.copyOf(silencedBy);
    }

    /** An alert no silence mutes. */
    public ServerAlert(String name, String severity, String state, @Nullable Instant since, String summary) {
        this(name, severity, state, since, summary, List.of(), null);
    }

    /** Muted by at least one Alertmanager silence: shown, but not as a call to act. */
    public boolean silenced() {
        return !silencedBy.isEmpty();
    }

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
