package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Links;

/** What the detail view shows for an id that neither the targets file nor Prometheus knows. */
class ServerNotFound extends Div {

    ServerNotFound(String serverId) {
        addClassName("not-found");
        add(
                new H2("No server \u201c" + serverId + "\u201d"),
                new Span("Infradash does not know this server: it is not in the targets file and Prometheus reports "
                        + "nothing for it. "),
                Links.to(Links.OVERVIEW, "Back to the overview"));
    }
}
