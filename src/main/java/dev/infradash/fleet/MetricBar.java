package dev.infradash.fleet;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Format;
import dev.infradash.base.Reading;
import dev.infradash.base.Texts;
import dev.infradash.base.Threshold;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A labelled percentage bar whose colour follows a {@link Threshold}. Plain divs, not
 * vaadin-progress-bar: a fleet overview holds several bars per card, and hundreds of web
 * components to upgrade made the first paint of a 500-server overview take seconds. Four or five
 * elements, no wrappers: every element costs about 1 KB of server memory per open tab, so the
 * label row and the bar share one CSS grid, and the track is the fill's own gradient.
 */
class MetricBar extends Div {

    private final Div fill = new Div();
    private final Span value = new Span(Format.NONE);
    private final @Nullable Span detail;
    private final Threshold threshold;
    private String width = "";

    /** A bar whose header shows the label and the value only. */
    MetricBar(String label, String metric, Threshold threshold) {
        this(label, metric, threshold, false);
    }

    /** {@code withDetail}: a third header text after the value, e.g. "8 cores". */
    MetricBar(String label, String metric, Threshold threshold, boolean withDetail) {
        this.threshold = threshold;
        addClassName("metric-bar");
        getElement().setAttribute("data-metric", metric);
        Span name = new Span(label);
        name.addClassName("metric-label");
        value.addClassName("metric-value");
        fill.addClassName("bar-fill");
        fill.getElement().setAttribute("role", "presentation");
        add(name, value);
        if (withDetail) {
            detail = new Span();
            detail.addClassName("metric-detail");
            add(detail);
        } else {
            detail = null;
        }
        add(fill);
    }

    void show(@Nullable Reading reading, @Nullable String detailText) {
        Texts.set(value, Format.percent(reading));
        if (detail != null) {
            Texts.set(detail, detailText == null ? "" : detailText);
        }
        Threshold.Level level = reading == null ? null : threshold.level(reading.value());
        // half a percent is finer than a card's bar shows; coarser widths push less every cycle
        double percent = reading == null ? 0 : Math.max(0, Math.min(100, Math.round(reading.value() * 2) / 2.0));
        String newWidth = String.format(Locale.ROOT, "%.1f%%", percent);
        if (!newWidth.equals(width)) {
            width = newWidth;
            fill.getStyle().set("--fill", newWidth);
        }
        setClassName("ok", level == Threshold.Level.OK);
        setClassName("warning", level == Threshold.Level.WARNING);
        setClassName("critical", level == Threshold.Level.CRITICAL);
        setClassName("no-value", level == null);
    }
}
