package dev.infradash.prometheus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One series of an instant vector. Values may be NaN or infinite, as Prometheus sends them. */
public record Sample(Map<String, String> labels, Instant timestamp, double value) {
    public Sample {
        labels = Labels.copyOf(labels);
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
