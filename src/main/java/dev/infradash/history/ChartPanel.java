package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.chart.ApexChart;
import dev.infradash.base.chart.ChartType;
import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Series;
import dev.infradash.base.chart.Unit;
import dev.infradash.base.chart.ZoomEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One history chart of the detail view: title, the ApexCharts chart, and why data is missing.
 * A live window keeps its length while points are appended, and grows only at its own
 * resolution: a 7-day chart of 10-minute points gets a live point every 10 minutes, not every push.
 */
class ChartPanel extends Div {

    private final @Nullable Chart chart;
    private final ApexChart apex;
    private final Span note = new Span();
    private @Nullable TimeWindow window;
    private Duration step = Duration.ZERO;
    private Instant lastPoint = Instant.MIN;
    private Instant shownFrom = Instant.MIN;
    private List<String> colored = List.of();

    ChartPanel(Chart chart, Consumer<ZoomEvent> onZoom) {
        this(
                chart,
                chart.name().toLowerCase(java.util.Locale.ROOT),
                chart.title(),
                chart.unit(),
                chart.stacked() ? ChartType.STACKED_AREA : ChartType.LINE,
                onZoom);
    }

    /** A chart of something other than a server {@link Chart}: a service check's timeline or response time. */
    ChartPanel(String key, String title, Unit unit, ChartType type, Consumer<ZoomEvent> onZoom) {
        this(null, key, title, unit, type, onZoom);
    }

    private ChartPanel(
            @Nullable Chart chart, String key, String title, Unit unit, ChartType type, Consumer<ZoomEvent> onZoom) {
        this.chart = chart;
        addClassName("chart-panel");
        getElement().setAttribute("data-chart", key);
        apex = ApexChart.timeSeries(type, unit);
        apex.setHeight("220px");
        if (unit == Unit.PERCENT) {
            apex.setYRange(0.0, 100.0);
        }
        apex.addZoomListener(onZoom::accept);
        note.addClassName("chart-note");
        note.setVisible(false);
        add(new H3(title), apex, note);
    }

    /** The server chart drawn here; only for panels made from a {@link Chart}. */
    Chart chart() {
        return java.util.Objects.requireNonNull(chart, "a service check's panel draws no server chart");
    }

    /**
     * Draws a freshly loaded window at its step; {@code emptyReason} explains an empty chart. The
     * x-axis spans the whole window, data or not, so the axis agrees with the window's label.
     */
    void show(ChartData data, TimeWindow shown, Duration shownStep, String emptyReason) {
        show(data.series(), data.error(), shown, shownStep, emptyReason);
    }

    /** As {@link #show(ChartData, TimeWindow, Duration, String)}, for series that are no {@link Chart}'s. */
    void show(List<Series> series, @Nullable String error, TimeWindow shown, Duration shownStep, String emptyReason) {
        window = shown;
        step = shownStep;
        lastPoint = shown.to();
        shownFrom = shown.from();
        // a live window's end follows its newest point; a fixed one shows exactly its span
        apex.setXRange(shown.from(), shown.isLive() ? null : shown.to());
        apex.setSeries(series);
        recolor();
        if (error != null) {
            setNote("Prometheus could not answer: " + error);
        } else if (series.isEmpty()) {
            setNote(emptyReason);
        } else {
            setNote(null);
        }
    }

    /**
     * Adds the latest live values as points at {@code at} when the window is live and a step has
     * passed since its last point; the window slides to end at {@code at}, keeping its length.
     */
    void append(Map<String, Double> values, Instant at) {
        TimeWindow current = window;
        if (values.isEmpty() || current == null || !current.isLive() || at.isBefore(lastPoint.plus(step))) {
            return;
        }
        lastPoint = at;
        Duration length = current.length();
        Map<String, List<Point>> points = new HashMap<>();
        values.forEach((name, value) -> points.put(name, List.of(Point.of(at, value))));
        Instant from = at.minus(length);
        // moving the axis re-sends the chart: only once it drifted by a step or 1 % of the window
        Duration drift = step.compareTo(length.dividedBy(100)) > 0 ? step : length.dividedBy(100);
        if (!from.isBefore(shownFrom.plus(drift))) {
            shownFrom = from;
            apex.setXRange(from, null);
        }
        apex.appendPoints(points, length);
        recolor();
    }

    /** Colours by series name, sent again only when a series came or went. */
    private void recolor() {
        List<String> names = apex.getSeries().stream().map(Series::name).toList();
        if (!names.equals(colored)) {
            colored = names;
            apex.setColors(names.isEmpty() ? null : SeriesColors.of(names));
        }
    }

    void setNote(@Nullable String text) {
        note.setText(text == null ? "" : text);
        note.setVisible(text != null);
    }

    ApexChart apexChart() {
        return apex;
    }
}
