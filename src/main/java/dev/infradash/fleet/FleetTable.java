package dev.infradash.fleet;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.infradash.base.Format;
import dev.infradash.base.Links;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The fleet as a compact table, one row per server, every column sortable (like Beszel's). A
 * Vaadin Grid renders lazily: the browser holds the rows in view and the server sends only those.
 * Rows keep the selection's order (problems first) until a column header is clicked.
 *
 * <p>The grid's items are server ids, not {@link ServerSnapshot}s; the columns read the current
 * snapshot's server by id. The grid keys each item it sent to the browser and lets go of the
 * old item only when the browser confirms the next update: with snapshots as items, every cycle
 * made ~100 new items (a record is equal only to the same values) and each open table held the
 * previous cycle's servers alone until then, about a snapshot's worth of heap per session that
 * no other view shares (issue 15: a table session measured twice a cards session). Ids are the
 * same every cycle: same keys, nothing old held, and a cheap hash instead of a whole record's.
 */
class FleetTable extends Grid<String> {

    private final List<String> rows = new ArrayList<>();
    private final ListDataProvider<String> data = new ListDataProvider<>(rows);
    /** The shown selection's servers by id: the current snapshot's, shared with every view. */
    private Map<String, ServerSnapshot> servers = Map.of();

    private final RecentTrends trends;

    FleetTable(RecentTrends trends) {
        this.trends = trends;
        addClassName("fleet-table");
        setId("fleet-table");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(false);
        setItems(data);
        addColumn(LitRenderer.<String>of("<a href=\"${item.href}\" router-link class=\"table-server\">${item.name}</a>")
                        .withProperty("href", Links::server)
                        .withProperty("name", id -> server(id).displayName()))
                .setHeader("Server")
                .setComparator(by(Comparator.comparing(s -> s.displayName().toLowerCase(Locale.ROOT))))
                .setFlexGrow(2)
                .setFrozen(true);
        addColumn(id -> server(id).role()).setHeader("Role").setSortable(true);
        addColumn(id -> status(server(id)))
                .setHeader("Status")
                .setComparator(by(Comparator.comparingInt(FleetSelection::problemRank)))
                .setPartNameGenerator(id -> server(id).health() == Health.DOWN ? "down-cell" : null);
        addColumn(id -> Format.percent(server(id).node().cpuBusyPercent()))
                .setHeader("CPU")
                .setComparator(byValue(s -> FleetSelection.value(s.node().cpuBusyPercent())));
        addColumn(id -> Format.percent(server(id).node().memoryUsedPercent()))
                .setHeader("Memory")
                .setComparator(byValue(s -> FleetSelection.value(s.node().memoryUsedPercent())));
        addColumn(id -> Format.percent(server(id).node().rootFilesystemUsedPercent()))
                .setHeader("Disk /")
                .setComparator(byValue(s -> FleetSelection.value(s.node().rootFilesystemUsedPercent())));
        addColumn(id -> {
                    double gpu = FleetSelection.busiestGpu(server(id));
                    return Double.isNaN(gpu) ? Format.NONE : String.format(Locale.ROOT, "%.0f %%", gpu);
                })
                .setHeader("GPU")
                .setComparator(byValue(FleetSelection::busiestGpu));
        addColumn(id -> Format.decimal(server(id).node().load1()))
                .setHeader("Load")
                .setComparator(byValue(s -> FleetSelection.value(s.node().load1())));
        addColumn(LitRenderer.<String>of("<svg class=\"table-sparkline\" viewBox=\"0 0 "
                                + RecentTrends.Trend.WIDTH + " " + RecentTrends.Trend.HEIGHT
                                + "\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
                                + "<polyline class=\"spark-cpu\" points=\"${item.cpu}\"></polyline>"
                                + "<polyline class=\"spark-memory\" points=\"${item.memory}\"></polyline></svg>")
                        .withProperty("cpu", id -> trends.of(id).cpuPoints())
                        .withProperty("memory", id -> trends.of(id).memoryPoints()))
                .setHeader("15 min")
                .setWidth("110px")
                .setFlexGrow(0);
        getColumns().forEach(column -> column.setResizable(true));
        setPartNameGenerator(id -> server(id).health() == Health.DOWN ? "down-row" : null);
    }

    /** Shows these rows; the scroll position and a clicked column sort stay. */
    void show(List<ServerSnapshot> selection) {
        Map<String, ServerSnapshot> byId = new HashMap<>();
        rows.clear();
        for (ServerSnapshot server : selection) {
            byId.put(server.id(), server);
            rows.add(server.id());
        }
        servers = byId;
        data.refreshAll();
    }

    int rowCount() {
        return rows.size();
    }

    /** The row's server; a row is only ever one of the shown selection's. */
    private ServerSnapshot server(String id) {
        return Objects.requireNonNull(servers.get(id), "a row of the shown selection");
    }

    private Comparator<String> by(Comparator<ServerSnapshot> order) {
        return (a, b) -> order.compare(server(a), server(b));
    }

    private static String status(ServerSnapshot server) {
        long firing = server.alerts().stream().filter(ServerAlert::firing).count();
        String health = server.health().name() + (server.stale() ? " (stale)" : "");
        return firing == 0 ? health : health + " · " + firing + " alert" + (firing == 1 ? "" : "s");
    }

    private Comparator<String> byValue(ToDoubleFunction<ServerSnapshot> value) {
        // no value sorts below 0 %: ascending puts it first, descending last
        return by(Comparator.comparingDouble(s -> {
            double v = value.applyAsDouble(s);
            return Double.isNaN(v) ? -1 : v;
        }));
    }
}
