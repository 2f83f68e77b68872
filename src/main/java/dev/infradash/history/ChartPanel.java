package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.chart.ApexChart;
import dev.infradash.base.chart.ChartType;
import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Unit;
import dev.infradash.base.chart.ZoomEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One history chart of the detail view: title, the ApexCharts chart, and why data is missing. */
class ChartPanel extends Div {

    private final Chart chart;
    private final ApexChart apex;
    private final Span note = new Span();

    ChartPanel(Chart chart, Consumer<ZoomEvent> onZoom) {
        this.chart = chart;
        addClassName("chart-panel");
        getElement().setAttribute("data-chart", chart.name().toLowerCase(java.util.Locale.ROOT));
        apex = ApexChart.timeSeries(chart.stacked() ? ChartType.STACKED_AREA : ChartType.LINE, chart.unit());
        apex.setHeight("220px");
        if (chart.unit() == Unit.PERCENT) {
            apex.setYRange(0.0, 100.0);
        }
        apex.addZoomListener(onZoom::accept);
        note.addClassName("chart-note");
        note.setVisible(false);
        add(new H3(chart.title()), apex, note);
    }

    Chart chart() {
        return chart;
    }

    /** Draws a freshly loaded window; {@code emptyReason} explains an empty chart. */
    void show(ChartData data, Instant from, Instant to, String emptyReason) {
        apex.setXRange(from, to);
        apex.setSeries(data.series());
        if (data.error() != null) {
            setNote("Prometheus could not answer: " + data.error());
        } else if (data.isEmpty()) {
            setNote(emptyReason);
        } else {
            setNote(null);
        }
    }

    /** Adds the latest live values as points at {@code at}, dropping points older than the window. */
    void append(Map<String, Double> values, Instant at, Duration window) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, List<Point>> points = new HashMap<>();
        values.forEach((name, value) -> points.put(name, List.of(Point.of(at, value))));
        apex.setXRange(null, null);
        apex.appendPoints(points, window);
    }

    void setNote(@Nullable String text) {
        note.setText(text == null ? "" : text);
        note.setVisible(text != null);
    }

    ApexChart apexChart() {
        return apex;
    }
}
