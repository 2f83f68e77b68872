package dev.infradash.settings;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ServerDefinition;
import java.util.List;
import java.util.Locale;

/** Narrows the servers grid by id, name, role, label or exporter address: 40 rows need a search. */
class ServerFilter extends TextField {

    ServerFilter(Runnable onChange) {
        setId("server-filter");
        setPlaceholder("Filter by id, name, role or address");
        setAriaLabel("Filter servers");
        setPrefixComponent(VaadinIcon.SEARCH.create());
        setClearButtonVisible(true);
        setValueChangeMode(ValueChangeMode.LAZY);
        addClassName("server-filter");
        addValueChangeListener(change -> onChange.run());
    }

    List<ServerDefinition> apply(List<ServerDefinition> servers) {
        String query = getValue().strip().toLowerCase(Locale.ROOT);
        return query.isEmpty()
                ? servers
                : servers.stream().filter(server -> matches(server, query)).toList();
    }

    private static boolean matches(ServerDefinition server, String query) {
        if (contains(server.id(), query) || contains(server.displayName(), query) || contains(server.role(), query)) {
            return true;
        }
        for (ExporterDefinition exporter : server.exporters()) {
            if (exporter != null && contains(exporter.host() + ":" + exporter.port(), query)) {
                return true;
            }
        }
        return server.extraLabels().entrySet().stream()
                .anyMatch(label -> contains(label.getKey() + "=" + label.getValue(), query));
    }

    private static boolean contains(String text, String query) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(query);
    }
}
