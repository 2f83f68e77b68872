package dev.infradash.alerting;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One alert as the alert list and {@code GET /api/alerting/alerts} show it.
 *
 * @param state         firing, pending or silenced (a firing or pending alert a silence mutes)
 * @param since         when its condition became true, or null when Prometheus did not say
 * @param silencedBy    ids of the silences muting it
 * @param silencedUntil when the last of them ends, or null
 */
public record CurrentAlert(
        String server,
        String serverName,
        String alertname,
        String severity,
        String state,
        @Nullable Instant since,
        String summary,
        List<String> silencedBy,
        @Nullable Instant silencedUntil) {

    public CurrentAlert {
        silencedBy = List.copyOf(silencedBy);
    }
}
