package dev.infradash.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import dev.infradash.metrics.Reading;

/** A labelled percentage bar whose colour follows a {@link Threshold}. */
class MetricBar extends Div {

    private final ProgressBar bar = new ProgressBar(0, 100);
    private final Span value = new Span(Format.NONE);
    private final Span detail = new Span();
    private final Threshold threshold;

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
        add(header, bar);
    }

    void show(Reading reading, String detailText) {
        Texts.set(value, Format.percent(reading));
        Texts.set(detail, detailText == null ? "" : detailText);
        Threshold.Level level = reading == null ? null : threshold.level(reading.value());
        // the value changes most cycles; theme and classes only when the level does
        bar.setValue(reading == null ? 0 : Math.max(0, Math.min(100, reading.value())));
        String variant = level == null ? ProgressBarVariant.LUMO_CONTRAST.getVariantName()
                : level == Threshold.Level.CRITICAL ? ProgressBarVariant.LUMO_ERROR.getVariantName()
                : level == Threshold.Level.OK ? ProgressBarVariant.LUMO_SUCCESS.getVariantName() : null;
        Texts.theme(bar.getThemeNames(), variant, ProgressBarVariant.LUMO_CONTRAST.getVariantName(),
                ProgressBarVariant.LUMO_ERROR.getVariantName(), ProgressBarVariant.LUMO_SUCCESS.getVariantName());
        setClassName("critical", level == Threshold.Level.CRITICAL);
        setClassName("warning", level == Threshold.Level.WARNING);
    }

    String valueText() {
        return value.getText();
    }
}
