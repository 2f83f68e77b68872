package dev.infradash.prometheus;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One pending or firing alert from {@code /api/v1/alerts}.
 *
 * @param state    {@code pending} or {@code firing}
 * @param activeAt when the alert's condition became true (null if Prometheus did not say)
 */
public record Alert(
        Map<String, String> labels,
        Map<String, String> annotations,
        String state,
        @Nullable Instant activeAt,
        double value) {

    public Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    public boolean firing() {
        return "firing".equals(state);
    }
}
