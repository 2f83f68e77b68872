package dev.infradash.history;

import com.vaadin.flow.component.html.Span;
import dev.infradash.fleet.GpuNotes;
import dev.infradash.fleet.ServerSnapshot;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The line above the charts that says why GPU charts are missing or empty: no GPU exporter
 * target at all, or what the exporter that is there reports (the fleet's own note for the card).
 */
class GpuNote extends Span {

    GpuNote() {
        addClassName("chart-note");
        setVisible(false);
    }

    void show(Map<Chart, ChartData> data, @Nullable ServerSnapshot server) {
        boolean gpu = data.keySet().stream().anyMatch(Chart::gpu);
        setText(
                !gpu
                        ? "No GPU exporter target for this server."
                        : server == null ? "" : GpuNotes.note(server).orElse(""));
        setVisible(!getText().isEmpty());
    }
}
