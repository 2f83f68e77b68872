package dev.infradash.fleet;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether the last cycle reached Prometheus.
 *
 * @param error why it could not, readable, or null
 * @param lastSuccess when a cycle last got an answer, or null if never
 */
public record PrometheusStatus(
        String url,
        boolean reachable,
        @Nullable String error,
        @Nullable Instant lastSuccess) {}
