package dev.infradash.settings;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.targets.ServerDefinition;

/** Id, name and role in one cell: the phone's stand-in for three columns. */
final class ServerSummaryCell {

    private ServerSummaryCell() {}

    static Div of(ServerDefinition server) {
        Span id = new Span(abbreviate(server.id()));
        id.addClassName("summary-title");
        String detail = server.role().isBlank()
                ? abbreviate(server.displayName())
                : abbreviate(server.displayName()) + " · " + abbreviate(server.role());
        Span rest = new Span(detail);
        rest.addClassName("summary-detail");
        Div cell = new Div(id, rest);
        cell.addClassName("summary-cell");
        return cell;
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 40 ? String.valueOf(text) : text.substring(0, 40) + "…";
    }
}
