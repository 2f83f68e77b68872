package dev.infradash.base.chart;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The subset of ApexCharts options Infradash uses, as records serialised by Jackson (never by
 * string concatenation). {@code infradash} is our extension: the browser side strips it and
 * turns it into formatters and the gauge value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChartOptions(
        Chart chart,
        @Nullable List<Series> series,
        @Nullable XAxis xaxis,
        @Nullable List<YAxis> yaxis,
        @Nullable Stroke stroke,
        @Nullable Fill fill,
        @Nullable List<String> colors,
        @Nullable DataLabels dataLabels,
        Legend legend,
        @Nullable PlotOptions plotOptions,
        @Nullable List<String> labels,
        Extension infradash) {

    enum Kind {
        TIME_SERIES,
        GAUGE
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chart(
            String type,
            @Nullable Boolean stacked,
            String height,
            String width,
            boolean redrawOnParentResize,
            String background,
            Animations animations,
            @Nullable Zoom zoom,
            Toolbar toolbar) {}

    record Animations(boolean enabled) {}

    record Zoom(boolean enabled, String type, boolean autoScaleYaxis) {}

    record Toolbar(boolean show, @Nullable Tools tools) {}

    record Tools(
            boolean download,
            boolean selection,
            boolean zoom,
            boolean zoomin,
            boolean zoomout,
            boolean pan,
            boolean reset) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record XAxis(String type, @Nullable Long min, @Nullable Long max, XLabels labels) {}

    record XLabels(boolean datetimeUTC) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record YAxis(
            @Nullable Double min,
            @Nullable Double max,
            @Nullable Integer tickAmount) {}

    record Stroke(String curve, double width) {}

    record Fill(String type, double opacity) {}

    record DataLabels(boolean enabled) {}

    record Legend(boolean show, @Nullable String position) {}

    record PlotOptions(RadialBar radialBar) {}

    record RadialBar(int startAngle, int endAngle, Hollow hollow, RadialDataLabels dataLabels) {}

    record Hollow(String size) {}

    record RadialDataLabels(RadialLabel name, RadialLabel value) {}

    record RadialLabel(boolean show, String fontSize, int offsetY) {}

    /** Infradash's own keys: what the browser side needs that ApexCharts JSON cannot express. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Extension(
            Kind kind,
            Unit unit,
            @Nullable Double gaugeValue,
            @Nullable Double gaugeMin,
            @Nullable Double gaugeMax) {}
}
