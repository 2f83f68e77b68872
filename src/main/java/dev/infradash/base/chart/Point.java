package dev.infradash.base.chart;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One sample of a time series. A {@code null} value is a gap in the line; NaN and infinities
 * (Prometheus answers those) are gaps too. Sent to the browser as {@code [epochMillis, value]}.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"epochMillis", "value"})
public record Point(long epochMillis, @Nullable Double value) {

    public Point {
        if (value != null && !Double.isFinite(value)) {
            value = null;
        }
    }

    public static Point of(java.time.Instant at, @Nullable Double value) {
        return new Point(at.toEpochMilli(), value);
    }
}
