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
        value.setText(Format.percent(reading));
        detail.setText(detailText == null ? "" : detailText);
        bar.removeThemeVariants(ProgressBarVariant.LUMO_SUCCESS, ProgressBarVariant.LUMO_ERROR,
                ProgressBarVariant.LUMO_CONTRAST);
        removeClassNames("warning", "critical");
        if (reading == null) {
            bar.setValue(0);
            bar.addThemeVariants(ProgressBarVariant.LUMO_CONTRAST);
            return;
        }
        bar.setValue(Math.max(0, Math.min(100, reading.value())));
        switch (threshold.level(reading.value())) {
            case CRITICAL -> {
                bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
                addClassName("critical");
            }
            case WARNING -> addClassName("warning");
            case OK -> bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
        }
    }

    String valueText() {
        return value.getText();
    }
}
