package dev.infradash.base.chart;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import java.time.Instant;

/** The user zoomed the x-axis (drag-select, or {@code chart.zoomX} in the browser) to [min, max]. */
@DomEvent("infradash-zoom")
public class ZoomEvent extends ComponentEvent<ApexChart> {

    private final Instant min;
    private final Instant max;

    public ZoomEvent(
            ApexChart source,
            boolean fromClient,
            @EventData("event.detail.min") double min,
            @EventData("event.detail.max") double max) {
        super(source, fromClient);
        this.min = Instant.ofEpochMilli((long) min);
        this.max = Instant.ofEpochMilli((long) max);
    }

    public Instant min() {
        return min;
    }

    public Instant max() {
        return max;
    }
}
