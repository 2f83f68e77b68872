package dev.infradash.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert as Alertmanager holds it ({@code GET /api/v2/alerts}).
 *
 * @param state      {@code active}, {@code suppressed} (silenced or inhibited) or {@code unprocessed}
 * @param silencedBy ids of the silences that mute it
 * @param receivers  names of the receivers its route sends it to
 */
public record AlertmanagerAlert(
        String fingerprint,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String state,
        List<String> silencedBy,
        List<String> inhibitedBy,
        List<String> receivers) {

    public AlertmanagerAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
        receivers = List.copyOf(receivers);
    }

    public boolean silenced() {
        return !silencedBy.isEmpty();
    }
}
