package dev.infradash.base.chart;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;

/** The user pressed the toolbar's reset-zoom button after zooming. */
@DomEvent("infradash-zoom-reset")
public class ZoomResetEvent extends ComponentEvent<ApexChart> {

    public ZoomResetEvent(ApexChart source, boolean fromClient) {
        super(source, fromClient);
    }
}
