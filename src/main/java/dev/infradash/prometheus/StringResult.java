package dev.infradash.prometheus;

import java.time.Instant;
import java.util.Objects;

public record StringResult(Instant timestamp, String value) implements QueryResult {
    public StringResult {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(value, "value");
    }
}
