package dev.infradash.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ScrapeHealth;
import dev.infradash.targets.ServerDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Settings list of monitored servers: its columns (a one-column summary on a phone), what
 * Prometheus says of each exporter, and each row's edit and delete buttons. The view decides what
 * the buttons do and when the health is read.
 */
final class ServersGrid extends Grid<ServerDefinition> {

    private final Map<String, String> health = new HashMap<>();

    ServersGrid(NarrowScreen narrow, Consumer<ServerDefinition> edit, Consumer<ServerDefinition> delete) {
        Grid.Column<ServerDefinition> summary =
                addComponentColumn(ServerSummaryCell::of).setHeader("Server").setFlexGrow(1);
        Grid.Column<ServerDefinition> idColumn =
                addColumn(ServerDefinition::id).setHeader("Id").setAutoWidth(true);
        // a hand-edited 10,000-character name must not push every other column off screen
        Grid.Column<ServerDefinition> name =
                addColumn(s -> abbreviate(s.displayName())).setHeader("Name").setAutoWidth(true);
        Grid.Column<ServerDefinition> role =
                addColumn(ServerDefinition::role).setHeader("Role").setAutoWidth(true);
        addComponentColumn(server -> ScrapeHealthText.exporterCell(server, health))
                .setHeader("Exporters · scrape health")
                .setFlexGrow(2);
        Grid.Column<ServerDefinition> labels = addColumn(s -> s.extraLabels().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")))
                .setHeader("Labels");
        addComponentColumn(server -> actions(server, edit, delete))
                .setHeader("")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("actions");
        setAllRowsVisible(true);
        setId("servers-grid");
        addClassName("settings-grid");
        narrow.narrowOnly(summary);
        narrow.wideOnly(idColumn, name, role, labels);
    }

    /** Puts what Prometheus last said of each exporter of {@code servers} into the rows. */
    void showHealth(ScrapeHealth.Snapshot read, List<ServerDefinition> servers) {
        health.clear();
        for (ServerDefinition server : servers) {
            for (ExporterDefinition exporter : server.exporters()) {
                health.put(
                        ScrapeHealthText.key(server.id(), exporter),
                        ScrapeHealthText.describe(read, server.id(), exporter));
            }
        }
        getDataProvider().refreshAll();
    }

    private static HorizontalLayout actions(
            ServerDefinition server, Consumer<ServerDefinition> onEdit, Consumer<ServerDefinition> onDelete) {
        Button edit = new Button(VaadinIcon.EDIT.create(), click -> onEdit.accept(server));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        edit.setAriaLabel("Edit " + server.id());
        edit.getElement().setAttribute("data-edit", server.id());
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> onDelete.accept(server));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + server.id());
        delete.getElement().setAttribute("data-delete", server.id());
        return new HorizontalLayout(edit, delete);
    }

    /** Overlong hand-edited names and ids are cut where they are shown. */
    static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
