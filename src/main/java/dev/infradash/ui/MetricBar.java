package dev.infradash.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.metrics.Reading;
import java.util.Locale;

/**
 * A labelled percentage bar whose colour follows a {@link Threshold}. Plain divs, not
 * vaadin-progress-bar: a fleet overview holds several bars per card, and hundreds of web
 * components to upgrade made the first paint of a 500-server overview take seconds.
 */
class MetricBar extends Div {

    private final Div fill = new Div();
    private final Span value = new Span(Format.NONE);
    private final Span detail = new Span();
    private final Threshold threshold;
    private String width = "";

    MetricBar(String label, String metric, Threshold threshold) {
        this.threshold = threshold;
        addClassName("metric-bar");
        getElement().setAttribute("data-metric", metric);
        value.addClassName("metric-value");
        detail.addClassName("metric-detail");
        Span name = new Span(label);
        name.addClassName("metric-label");
        Div header = new Div(name, value, detail);
        header.addClassName("metric-header");
        fill.addClassName("bar-fill");
        Div track = new Div(fill);
        track.addClassName("bar-track");
        track.getElement().setAttribute("role", "presentation");
        add(header, track);
    }

    void show(Reading reading, String detailText) {
        Texts.set(value, Format.percent(reading));
        Texts.set(detail, detailText == null ? "" : detailText);
        Threshold.Level level = reading == null ? null : threshold.level(reading.value());
        // half a percent is finer than a card's bar shows; coarser widths push less every cycle
        double percent = reading == null ? 0 : Math.max(0, Math.min(100, Math.round(reading.value() * 2) / 2.0));
        String newWidth = String.format(Locale.ROOT, "%.1f%%", percent);
        if (!newWidth.equals(width)) {
            width = newWidth;
            fill.getStyle().set("width", newWidth);
        }
        setClassName("ok", level == Threshold.Level.OK);
        setClassName("warning", level == Threshold.Level.WARNING);
        setClassName("critical", level == Threshold.Level.CRITICAL);
        setClassName("no-value", level == null);
    }

    String valueText() {
        return value.getText();
    }
}
