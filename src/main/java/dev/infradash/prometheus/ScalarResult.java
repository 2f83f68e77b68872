package dev.infradash.prometheus;

import java.time.Instant;
import java.util.Objects;

public record ScalarResult(Instant timestamp, double value) implements QueryResult {
    public ScalarResult {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
