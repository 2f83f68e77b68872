package dev.infradash.base.chart;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The subset of ApexCharts options Infradash uses, as records serialised by Jackson (never by
 * string concatenation). {@code infradash} is our extension: the browser side strips it and
 * turns it into formatters and the gauge value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChartOptions(Chart chart, List<Series> series, XAxis xaxis, List<YAxis> yaxis, Stroke stroke, Fill fill,
        List<String> colors, DataLabels dataLabels, Legend legend, PlotOptions plotOptions, List<String> labels,
        Extension infradash) {

    enum Kind { TIME_SERIES, GAUGE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chart(String type, Boolean stacked, String height, String width, boolean redrawOnParentResize,
            String background, Animations animations, Zoom zoom, Toolbar toolbar) {
    }

    record Animations(boolean enabled) {
    }

    record Zoom(boolean enabled, String type, boolean autoScaleYaxis) {
    }

    record Toolbar(boolean show, Tools tools) {
    }

    record Tools(boolean download, boolean selection, boolean zoom, boolean zoomin, boolean zoomout, boolean pan,
            boolean reset) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record XAxis(String type, Long min, Long max, XLabels labels) {
    }

    record XLabels(boolean datetimeUTC) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record YAxis(Double min, Double max, Integer tickAmount) {
    }

    record Stroke(String curve, double width) {
    }

    record Fill(String type, double opacity) {
    }

    record DataLabels(boolean enabled) {
    }

    record Legend(boolean show, String position) {
    }

    record PlotOptions(RadialBar radialBar) {
    }

    record RadialBar(int startAngle, int endAngle, Hollow hollow, RadialDataLabels dataLabels) {
    }

    record Hollow(String size) {
    }

    record RadialDataLabels(RadialLabel name, RadialLabel value) {
    }

    record RadialLabel(boolean show, String fontSize, int offsetY) {
    }

    /** Infradash's own keys: what the browser side needs that ApexCharts JSON cannot express. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Extension(Kind kind, Unit unit, Double gaugeValue, Double gaugeMin, Double gaugeMax) {
    }
}
