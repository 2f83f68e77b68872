package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import dev.infradash.base.chart.ZoomEvent;
import dev.infradash.fleet.ServiceState;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The detail view's service checks: per check a {@link ServiceCheckRow} whose state comes from
 * the snapshot and whose charts and uptimes come from {@link ServiceHistory} when the window is
 * loaded (three requests for all checks, on the history pool); a live window then grows by the
 * state each snapshot brings, like the other charts. Hidden for a server without checks.
 */
class ServiceChecksPanel extends Div {

    private final ServiceHistory history;
    private final Clock clock;
    private final Consumer<ZoomEvent> onZoom;
    private final Div rows = new Div();
    private final Map<String, ServiceCheckRow> byName = new LinkedHashMap<>();
    private @Nullable String serverId;
    private @Nullable TimeWindow window;
    private long generation;
    /** The charts' width in px, as the detail view last said: one point per pixel, as for the host charts. */
    private int points = TimeWindow.MAX_POINTS;

    ServiceChecksPanel(ServiceHistory history, Clock clock, Consumer<ZoomEvent> onZoom) {
        this.history = history;
        this.clock = clock;
        this.onZoom = onZoom;
        addClassName("service-checks-panel");
        add(new H3("Service checks"), rows);
        setVisible(false);
    }

    Map<String, ServiceCheckRow> rows() {
        return byName;
    }

    /** The checks as the latest snapshot has them; new or removed checks load the window again. */
    void show(List<ServiceState> services) {
        setVisible(!services.isEmpty());
        List<String> names = services.stream().map(ServiceState::name).toList();
        if (!names.equals(List.copyOf(byName.keySet()))) {
            rows.removeAll();
            byName.clear();
            for (String name : names) {
                ServiceCheckRow row = new ServiceCheckRow(name, onZoom);
                byName.put(name, row);
                rows.add(row);
            }
            TimeWindow last = window;
            if (serverId != null && last != null && !names.isEmpty()) {
                // a live window ends now, not when it was last loaded: hours later, the old one
                // would leave a hole between its end and the live points appended at now
                load(serverId, last.isLive() ? TimeWindow.live(last.livePreset(), clock.instant()) : last, points);
            }
        }
        for (ServiceState s : services) {
            ServiceCheckRow row = byName.get(s.name());
            if (row != null) {
                row.fill(s);
            }
        }
    }

    /** Loads the window's timelines, response times and uptimes of the server's checks shown. */
    void load(String server, TimeWindow requested, int chartPoints) {
        serverId = server;
        window = requested;
        points = chartPoints;
        long current = ++generation;
        List<String> names = List.copyOf(byName.keySet());
        if (names.isEmpty()) {
            return;
        }
        getUI().ifPresent(ui -> history.load(server, names, requested, chartPoints)
                .thenAccept(details -> ui.access(() -> {
                    if (current == generation) { // a newer window was chosen meanwhile: drop this answer
                        byName.forEach((name, row) -> row.showHistory(details, name, requested));
                    }
                })));
    }

    /** The snapshot's state of each check as a live point at {@code at}, when the window is live. */
    void append(List<ServiceState> services, Instant at) {
        if (window != null && window.isLive()) {
            for (ServiceState s : services) {
                ServiceCheckRow row = byName.get(s.name());
                if (row != null) {
                    row.append(s, at);
                }
            }
        }
    }
}
