package dev.infradash.history;

/** One point of a chart series; a null value is a gap (no sample, or not a finite number). */
public record ChartPoint(long epochMillis, Double value) {
}
