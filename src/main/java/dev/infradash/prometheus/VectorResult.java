package dev.infradash.prometheus;

import java.util.List;

/** Instant vector: one sample per series. */
public record VectorResult(List<Sample> samples) implements QueryResult {
    public VectorResult {
        samples = List.copyOf(samples);
    }
}
