package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import dev.infradash.base.chart.ZoomEvent;
import dev.infradash.fleet.ServerDetail;
import dev.infradash.fleet.ServerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The detail view's charts: a panel per chart that has something to say. An optional chart
 * (temperatures, pressure) the exporter has no data for is left out rather than explained.
 */
class ChartGrid extends Div {

    private final Map<Chart, ChartPanel> panels = new EnumMap<>(Chart.class);
    private final Consumer<ZoomEvent> onZoom;

    ChartGrid(Consumer<ZoomEvent> onZoom) {
        this.onZoom = onZoom;
        addClassName("chart-grid");
    }

    Map<Chart, ChartPanel> panels() {
        return panels;
    }

    void show(
            Map<Chart, ChartData> data, TimeWindow shown, Duration step, @Nullable ServerSnapshot server, Instant now) {
        for (Chart chart : Chart.values()) {
            ChartData chartData = data.get(chart);
            if (chartData == null || (chart.optional() && chartData.isEmpty() && chartData.error() == null)) {
                if (panels.containsKey(chart)) {
                    remove(panels.remove(chart));
                }
                continue;
            }
            ChartPanel panel = panels.computeIfAbsent(chart, c -> {
                ChartPanel created = new ChartPanel(c, onZoom);
                add(created);
                return created;
            });
            panel.show(chartData, shown, step, MissingData.explain(chart, server, shown, now));
        }
    }

    /** The snapshot's live values, each on its chart. */
    void append(ServerDetail detail) {
        for (ChartPanel panel : panels.values()) {
            panel.append(LiveCharts.values(detail, panel.chart()), detail.sampledAt());
        }
    }
}
