package dev.infradash.prometheus;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An alert to post to Alertmanager ({@code POST /api/v2/alerts}), as Prometheus does, e.g. a
 * channel's test notification. Null times let Alertmanager choose (now; resolve after its
 * {@code resolve_timeout}).
 */
public record NewAlert(
        Map<String, String> labels,
        Map<String, String> annotations,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt) {

    public NewAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
