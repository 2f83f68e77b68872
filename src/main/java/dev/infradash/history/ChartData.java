package dev.infradash.history;

import org.jspecify.annotations.Nullable;

import dev.infradash.base.chart.Series;
import java.util.List;

/**
 * What one chart shows for a window.
 *
 * @param error why the chart could not be filled (e.g. the query failed), or null
 */
public record ChartData(Chart chart, List<Series> series, @Nullable String error) {

    public ChartData {
        series = List.copyOf(series);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }
}
