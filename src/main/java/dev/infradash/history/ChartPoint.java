package dev.infradash.history;

import org.jspecify.annotations.Nullable;

/** One point of a chart series; a null value is a gap (no sample, or not a finite number). */
public record ChartPoint(long epochMillis, @Nullable Double value) {
}
