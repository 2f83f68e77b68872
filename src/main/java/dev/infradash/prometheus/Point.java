package dev.infradash.prometheus;

import java.time.Instant;
import java.util.Objects;

public record Point(Instant timestamp, double value) {
    public Point {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
