package dev.infradash.base.chart;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.Lumo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TEST-ONLY route (src/test): a line chart with two series, a gauge, and buttons that drive them. */
@AnonymousAllowed // a test-only page: no login in the way of the chart under test
@Route("test/chart")
public class ChartTestView extends Div {

    /** Fixed start so every run draws the same data: 2026-11-27T12:00:00Z. */
    static final long START = 1_795_780_800_000L;

    static final long STEP = 30_000L;
    static final int INITIAL_POINTS = 20;
    static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\">'\"\\</script>";

    private final ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.PERCENT);
    private final ApexChart gauge = ApexChart.gauge("GPU temperature", Unit.CELSIUS);
    private final Div chartHolder = new Div(chart);
    private int points = INITIAL_POINTS;

    public ChartTestView() {
        chart.setId("chart");
        chart.setHeight("320px");
        chart.setYRange(0.0, 100.0);
        chart.setSeries(List.of(
                new Series("cpu", series(0, INITIAL_POINTS, 20)), new Series(HOSTILE, series(0, INITIAL_POINTS, 50))));
        gauge.setId("gauge");
        gauge.setYRange(0.0, 100.0);
        gauge.setGaugeValue(61);

        Span zoomRange = new Span("none");
        zoomRange.setId("zoom-range");
        chart.addZoomListener(e -> zoomRange.setText(e.min() + "/" + e.max()));
        chart.addZoomResetListener(e -> zoomRange.setText("reset"));

        Button append = new Button("Append", e -> {
            chart.appendPoints(
                    Map.of("cpu", series(points, 1, 20), HOSTILE, series(points, 1, 50)), Duration.ofHours(1));
            points++;
        });
        append.setId("append");
        Button dark = new Button("Dark", e -> {
            var themes = UI.getCurrent().getElement().getThemeList();
            if (themes.contains(Lumo.DARK)) {
                themes.remove(Lumo.DARK);
            } else {
                themes.add(Lumo.DARK);
            }
        });
        dark.setId("toggle-dark");
        Button remove = new Button("Remove", e -> chartHolder.remove(chart));
        remove.setId("remove");
        Button add = new Button("Add", e -> chartHolder.add(chart));
        add.setId("add");
        chartHolder.setId("chart-holder");
        chartHolder.setWidth("800px");
        add(chartHolder, gauge, append, dark, remove, add, zoomRange);
    }

    static List<Point> series(int from, int count, double base) {
        List<Point> result = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            result.add(new Point(START + i * STEP, base + 10 * Math.sin(i / 3.0)));
        }
        return result;
    }
}
