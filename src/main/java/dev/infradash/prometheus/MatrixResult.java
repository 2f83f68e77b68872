package dev.infradash.prometheus;

import java.util.List;

/** Range vector: points over time per series. */
public record MatrixResult(List<RangeSeries> series) implements QueryResult {
    public MatrixResult {
        series = List.copyOf(series);
    }
}
