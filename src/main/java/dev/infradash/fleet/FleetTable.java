package dev.infradash.fleet;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.infradash.base.Format;
import dev.infradash.base.Links;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The fleet as a compact table, one row per server, every column sortable (like Beszel's). A
 * Vaadin Grid renders lazily: the browser holds the rows in view and the server sends only those,
 * so 500 rows cost a tab about what a page of cards does. Rows keep the selection's order (problems
 * first) until a column header is clicked.
 */
class FleetTable extends Grid<ServerSnapshot> {

    private final List<ServerSnapshot> rows = new ArrayList<>();
    private final ListDataProvider<ServerSnapshot> data = new ListDataProvider<>(rows);
    private final RecentTrends trends;

    FleetTable(RecentTrends trends) {
        this.trends = trends;
        addClassName("fleet-table");
        setId("fleet-table");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(false);
        setItems(data);
        addColumn(LitRenderer.<ServerSnapshot>of(
                                "<a href=\"${item.href}\" router-link class=\"table-server\">${item.name}</a>")
                        .withProperty("href", server -> Links.server(server.id()))
                        .withProperty("name", ServerSnapshot::displayName))
                .setHeader("Server")
                .setComparator(Comparator.comparing(s -> s.displayName().toLowerCase(Locale.ROOT)))
                .setFlexGrow(2)
                .setFrozen(true);
        addColumn(ServerSnapshot::role).setHeader("Role").setSortable(true);
        addColumn(FleetTable::status)
                .setHeader("Status")
                .setComparator(Comparator.comparingInt(FleetSelection::problemRank))
                .setPartNameGenerator(server -> server.health() == Health.DOWN ? "down-cell" : null);
        addColumn(server -> Format.percent(server.node().cpuBusyPercent()))
                .setHeader("CPU")
                .setComparator(byValue(s -> FleetSelection.value(s.node().cpuBusyPercent())));
        addColumn(server -> Format.percent(server.node().memoryUsedPercent()))
                .setHeader("Memory")
                .setComparator(byValue(s -> FleetSelection.value(s.node().memoryUsedPercent())));
        addColumn(server -> Format.percent(server.node().rootFilesystemUsedPercent()))
                .setHeader("Disk /")
                .setComparator(byValue(s -> FleetSelection.value(s.node().rootFilesystemUsedPercent())));
        addColumn(server -> {
                    double gpu = FleetSelection.busiestGpu(server);
                    return Double.isNaN(gpu) ? Format.NONE : String.format(Locale.ROOT, "%.0f %%", gpu);
                })
                .setHeader("GPU")
                .setComparator(byValue(FleetSelection::busiestGpu));
        addColumn(server -> Format.decimal(server.node().load1()))
                .setHeader("Load")
                .setComparator(byValue(s -> FleetSelection.value(s.node().load1())));
        addColumn(LitRenderer.<ServerSnapshot>of("<svg class=\"table-sparkline\" viewBox=\"0 0 "
                                + RecentTrends.Trend.WIDTH + " " + RecentTrends.Trend.HEIGHT
                                + "\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
                                + "<polyline class=\"spark-cpu\" points=\"${item.cpu}\"></polyline>"
                                + "<polyline class=\"spark-memory\" points=\"${item.memory}\"></polyline></svg>")
                        .withProperty("cpu", server -> trends.of(server.id()).cpuPoints())
                        .withProperty("memory", server -> trends.of(server.id()).memoryPoints()))
                .setHeader("15 min")
                .setWidth("110px")
                .setFlexGrow(0);
        getColumns().forEach(column -> column.setResizable(true));
        setPartNameGenerator(server -> server.health() == Health.DOWN ? "down-row" : null);
    }

    /** Shows these rows; the scroll position and a clicked column sort stay. */
    void show(List<ServerSnapshot> selection) {
        rows.clear();
        rows.addAll(selection);
        data.refreshAll();
    }

    int rowCount() {
        return rows.size();
    }

    private static String status(ServerSnapshot server) {
        long firing = server.alerts().stream().filter(ServerAlert::firing).count();
        String health = server.health().name() + (server.stale() ? " (stale)" : "");
        return firing == 0 ? health : health + " · " + firing + " alert" + (firing == 1 ? "" : "s");
    }

    private static Comparator<ServerSnapshot> byValue(ToDoubleFunction<ServerSnapshot> value) {
        // no value sorts below 0 %: ascending puts it first, descending last
        return Comparator.comparingDouble(s -> {
            double v = value.applyAsDouble(s);
            return Double.isNaN(v) ? -1 : v;
        });
    }
}
