package dev.infradash.history;

import dev.infradash.base.chart.Series;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one chart shows for a window.
 *
 * @param error why the chart could not be filled (e.g. the query failed), or null
 */
public record ChartData(
        Chart chart, List<Series> series, @Nullable String error) {

    public ChartData {
        series = List.copyOf(series);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }
}
