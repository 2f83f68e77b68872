package dev.infradash.base.chart;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import dev.infradash.base.chart.ChartOptions.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An ApexCharts chart: a time series ({@link #timeSeries}) or a radial gauge ({@link #gauge}).
 *
 * <p>The server keeps the whole state (options and series) and sends it as JSON when the chart is
 * attached or its options change; {@link #setSeries} sends the series, {@link #appendPoints} only
 * the new points. The browser element ({@code frontend/infradash-apexchart.js}) owns one
 * ApexCharts instance, created when attached and destroyed when detached, follows the Lumo
 * light/dark theme by itself (it observes the {@code theme} attribute), and redraws when its
 * parent resizes.
 */
@Tag("infradash-apexchart")
@NpmPackage(value = "apexcharts", version = "5.16.0")
@JsModule("./infradash-apexchart.js")
public class ApexChart extends Component implements HasStyle {

    /** Absent rather than null: ApexCharts merges our options over its defaults, and null would win. */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Pattern COLOR =
            Pattern.compile("#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\\([0-9.,%\\s]+\\)|[a-zA-Z]{3,20}");

    private final Kind kind;
    private final @Nullable ChartType type;
    private final Unit unit;
    private final @Nullable String gaugeLabel;
    /** Series by name, in insertion order. */
    private final Map<String, List<Point>> series = new LinkedHashMap<>();

    private @Nullable List<String> colors;
    private @Nullable Double yMin;
    private @Nullable Double yMax;
    private @Nullable Long xMin;
    private @Nullable Long xMax;
    private @Nullable Double gaugeValue;
    private boolean optionsScheduled;

    private ApexChart(Kind kind, @Nullable ChartType type, Unit unit, @Nullable String gaugeLabel) {
        this.kind = kind;
        this.type = type;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.gaugeLabel = gaugeLabel;
        setHeight(kind == Kind.GAUGE ? "220px" : "300px");
        addAttachListener(this::attached);
    }

    /** A chart of time series on a datetime x-axis. */
    public static ApexChart timeSeries(ChartType type, Unit unit) {
        return new ApexChart(Kind.TIME_SERIES, Objects.requireNonNull(type, "type"), unit, null);
    }

    /** A radial gauge for one current value; its scale is 0-100 unless {@link #setYRange} says otherwise. */
    public static ApexChart gauge(String label, Unit unit) {
        return new ApexChart(Kind.GAUGE, null, unit, Objects.requireNonNull(label, "label"));
    }

    /** Replaces all series. */
    public void setSeries(List<Series> newSeries) {
        requireTimeSeries();
        series.clear();
        for (Series s : newSeries) {
            series.put(s.name(), new ArrayList<>(s.points()));
        }
        if (canSendDelta()) {
            getElement().callJsFunction("updateSeries", toJson(currentSeries()));
        }
    }

    /**
     * Appends points to the named series (a new name starts a new series) and sends only those
     * points. Points not newer than a series' last point are ignored. Afterwards points older than
     * {@code retention} before the newest point of the chart are dropped, here and in the browser.
     */
    public void appendPoints(Map<String, List<Point>> points, @Nullable Duration retention) {
        requireTimeSeries();
        List<Series> added = new ArrayList<>();
        points.forEach((name, newPoints) -> {
            List<Point> target = series.computeIfAbsent(name, n -> new ArrayList<>());
            long last = target.isEmpty()
                    ? Long.MIN_VALUE
                    : target.get(target.size() - 1).epochMillis();
            List<Point> accepted = new ArrayList<>();
            for (Point point : newPoints) {
                if (point.epochMillis() > last) {
                    accepted.add(point);
                    last = point.epochMillis();
                }
            }
            target.addAll(accepted);
            added.add(new Series(name, accepted));
        });
        Long retentionMillis = retention == null ? null : retention.toMillis();
        if (retentionMillis != null) {
            long newest = series.values().stream()
                    .flatMap(List::stream)
                    .mapToLong(Point::epochMillis)
                    .max()
                    .orElse(Long.MIN_VALUE);
            long cutoff = newest - retentionMillis;
            series.values().forEach(list -> list.removeIf(p -> p.epochMillis() < cutoff));
        }
        if (canSendDelta()) {
            getElement().callJsFunction("appendPoints", toJson(new Append(added, retentionMillis)));
        }
    }

    record Append(List<Series> series, @Nullable Long retentionMillis) {}

    /** The visible x range; {@code null} for either end means automatic. */
    public void setXRange(@Nullable Instant min, @Nullable Instant max) {
        requireTimeSeries();
        xMin = min == null ? null : min.toEpochMilli();
        xMax = max == null ? null : max.toEpochMilli();
        scheduleOptions();
    }

    /** The y-axis range (for a gauge: its scale); {@code null} for either end means automatic. */
    public void setYRange(@Nullable Double min, @Nullable Double max) {
        yMin = min;
        yMax = max;
        scheduleOptions();
    }

    /** The gauge's current value in {@link Unit units}; NaN or infinite shows a dash. */
    public void setGaugeValue(double value) {
        if (kind != Kind.GAUGE) {
            throw new IllegalStateException("setGaugeValue is for gauges; this is a time series chart");
        }
        gaugeValue = Double.isFinite(value) ? value : null;
        scheduleOptions();
    }

    /** Series colours in order, as CSS hex, rgb(a)/hsl(a) or named colours; {@code null} for the defaults. */
    public void setColors(@Nullable List<String> newColors) {
        if (newColors != null) {
            for (String color : newColors) {
                if (color == null || !COLOR.matcher(color).matches()) {
                    throw new IllegalArgumentException("not a colour: " + color);
                }
            }
        }
        colors = newColors == null ? null : List.copyOf(newColors);
        scheduleOptions();
    }

    /** A CSS height (default 300px, gauges 220px); the width always follows the layout. */
    public void setHeight(String height) {
        getStyle().set("height", Objects.requireNonNull(height, "height"));
    }

    public Registration addZoomListener(ComponentEventListener<ZoomEvent> listener) {
        return addListener(ZoomEvent.class, listener);
    }

    public Registration addZoomResetListener(ComponentEventListener<ZoomResetEvent> listener) {
        return addListener(ZoomResetEvent.class, listener);
    }

    /** The visible x range's start as last set; null when automatic. */
    public @Nullable Instant getXMin() {
        return xMin == null ? null : Instant.ofEpochMilli(xMin);
    }

    /** The visible x range's end as last set; null when automatic. */
    public @Nullable Instant getXMax() {
        return xMax == null ? null : Instant.ofEpochMilli(xMax);
    }

    /** The series colours as last set; null for the defaults. */
    public @Nullable List<String> getColors() {
        return colors;
    }

    /** The series as the server holds them (after retention). */
    public List<Series> getSeries() {
        return currentSeries();
    }

    /** The JSON that {@code setOptions} sends now. */
    String optionsJson() {
        return toJson(options());
    }

    private void attached(AttachEvent event) {
        // A (re)attached component gets a new browser element: send the whole state again.
        optionsScheduled = false;
        scheduleOptions();
    }

    private void scheduleOptions() {
        if (optionsScheduled || !isAttached()) {
            return; // a detached chart sends everything when attached
        }
        optionsScheduled = true;
        getUI().orElseThrow().beforeClientResponse(this, context -> {
            optionsScheduled = false;
            getElement().callJsFunction("setOptions", optionsJson());
        });
    }

    /** Deltas only make sense when the browser already has (or is about to get) the rest. */
    private boolean canSendDelta() {
        return isAttached() && !optionsScheduled;
    }

    private void requireTimeSeries() {
        if (kind != Kind.TIME_SERIES) {
            throw new IllegalStateException("series are for time series charts; use setGaugeValue on a gauge");
        }
    }

    private List<Series> currentSeries() {
        List<Series> result = new ArrayList<>();
        series.forEach((name, points) -> result.add(new Series(name, points)));
        return result;
    }

    private ChartOptions options() {
        if (kind == Kind.GAUGE) {
            return new ChartOptions(
                    new ChartOptions.Chart(
                            "radialBar",
                            null,
                            "100%",
                            "100%",
                            true,
                            "transparent",
                            new ChartOptions.Animations(false),
                            null,
                            new ChartOptions.Toolbar(false, null)),
                    null,
                    null,
                    null,
                    null,
                    null,
                    colors,
                    null,
                    new ChartOptions.Legend(false, null),
                    new ChartOptions.PlotOptions(new ChartOptions.RadialBar(
                            -135,
                            135,
                            new ChartOptions.Hollow("60%"),
                            new ChartOptions.RadialDataLabels(
                                    new ChartOptions.RadialLabel(true, "13px", -10),
                                    new ChartOptions.RadialLabel(true, "22px", 6)))),
                    List.of(gaugeLabel),
                    new ChartOptions.Extension(
                            Kind.GAUGE, unit, gaugeValue, yMin == null ? 0.0 : yMin, yMax == null ? 100.0 : yMax));
        }
        ChartType type = Objects.requireNonNull(this.type, "a time series chart has a type");
        return new ChartOptions(
                new ChartOptions.Chart(
                        type.apexType,
                        type.stacked,
                        "100%",
                        "100%",
                        true,
                        "transparent",
                        new ChartOptions.Animations(false),
                        new ChartOptions.Zoom(true, "x", true),
                        new ChartOptions.Toolbar(
                                true, new ChartOptions.Tools(false, false, true, false, false, false, true))),
                currentSeries(),
                new ChartOptions.XAxis("datetime", xMin, xMax, new ChartOptions.XLabels(false)),
                List.of(new ChartOptions.YAxis(yMin, yMax, null)),
                new ChartOptions.Stroke("straight", type == ChartType.LINE ? 2 : 1),
                type == ChartType.STACKED_AREA ? new ChartOptions.Fill("solid", 0.4) : null,
                colors,
                new ChartOptions.DataLabels(false),
                new ChartOptions.Legend(true, "bottom"),
                null,
                null,
                new ChartOptions.Extension(Kind.TIME_SERIES, unit, null, null, null));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart options are not serialisable", e);
        }
    }
}
