package dev.infradash.history;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.infradash.base.Links;
import dev.infradash.base.UiProperties;
import dev.infradash.base.chart.ZoomEvent;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.ServerDetail;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.security.CurrentUser;
import dev.infradash.security.KioskReadable;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One server's history: a chart per metric over a window from the URL. Opening the view or
 * changing the window costs one range query per chart and one instant query for the filesystem
 * table (on the history pool, never on this UI's thread); a live preset then grows by the points
 * each collector snapshot brings. A drag-zoom is a navigation, so Back undoes it.
 */
@Route("servers/:server")
@PermitAll
@KioskReadable
class ServerDetailView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final FleetSnapshotPublisher snapshots;
    private final ServerHistory history;
    private final HostFilesystems filesystems;
    private final ServerWatch watch;
    private final Clock clock;
    private final ServerHeader header;
    private final RangeBar rangeBar;
    private final OutageBanner banner = new OutageBanner();
    private final ChartGrid charts = new ChartGrid(this::onZoom);
    private final GpuNote gpuNote = new GpuNote();
    private final ServiceChecksPanel services;
    private final FilesystemPanel filesystemPanel = new FilesystemPanel();

    @SuppressWarnings("NullAway.Init") // set by beforeEnter, which the router runs before the view is shown
    private String serverId;

    @SuppressWarnings("NullAway.Init") // likewise
    private TimeWindow window;

    private long loadGeneration;
    /** The charts' width in CSS px, from the browser's window once it said (the first load may not know it). */
    private int chartWidthPx = ChartWidth.UNKNOWN;

    private FleetSnapshotPublisher.@Nullable Subscription subscription;
    private FleetSnapshotPublisher.@Nullable Subscription watching;

    ServerDetailView(
            FleetSnapshotPublisher snapshots,
            ServerHistory history,
            HostFilesystems filesystems,
            ServerWatch watch,
            Clock clock,
            UiProperties thresholds,
            ServiceHistory serviceHistory) {
        this.snapshots = snapshots;
        this.history = history;
        this.filesystems = filesystems;
        this.watch = watch;
        this.clock = clock;
        this.header = new ServerHeader(thresholds);
        this.rangeBar = new RangeBar(clock, this::select);
        this.services = new ServiceChecksPanel(serviceHistory, clock, this::onZoom);
        addClassName("server-detail");
        Anchor back = Links.to(Links.OVERVIEW, "← Overview");
        back.addClassName("back-link");
        add(back, header, banner, services, rangeBar, gpuNote, charts, filesystemPanel);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String previous = isAttached() ? serverId : null;
        open(
                Links.serverId(event.getRouteParameters().get("server").orElse("")),
                event.getLocation().getQueryParameters());
        if (isAttached()) { // the router reuses this view for Back, a zoom, or another server
            if (!serverId.equals(previous)) {
                closeWatch();
                watching = watch.watch(serverId);
            }
            showServer(snapshots.current());
            load();
        }
    }

    /** The server and window the URL names; an invalid window falls back to the default, in the URL too. */
    void open(String server, QueryParameters parameters) {
        serverId = server;
        Optional<TimeWindow> parsed = WindowParameters.parse(parameters, clock.instant());
        window = parsed.orElseGet(() -> TimeWindow.live(WindowParameters.DEFAULT, clock.instant()));
        if (parsed.isEmpty()) {
            replaceUrl();
        }
    }

    /** "web-1 · Infradash": a tab per server tells which is which. */
    @Override
    public String getPageTitle() {
        String name = serverId == null
                ? "Server"
                : snapshots
                        .current()
                        .server(serverId)
                        .map(ServerSnapshot::displayName)
                        .orElse(serverId);
        return name + " · Infradash";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        // asked here, in the request: snapshots arrive later on the collector's thread
        header.offerSilence(CurrentUser.isAdmin() ? Links.silenceServer(serverId) : null);
        ui.getPage().retrieveExtendedClientDetails(details -> {
            setZone(details.getTimeZoneId());
            chartWidthPx = ChartWidth.of(details.getWindowInnerWidth());
        });
        watching = watch.watch(serverId);
        subscription = snapshots.subscribe(snapshot -> ui.access(() -> onSnapshot(snapshot)));
        FleetSnapshot current = snapshots.current();
        if (current.isInitial() || current.server(serverId).isPresent()) {
            showServer(current);
            load();
        } else {
            showNotFound();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        closeWatch();
        super.onDetach(event);
    }

    private void closeWatch() {
        if (watching != null) {
            watching.close();
            watching = null;
        }
    }

    /** The zone the browser reports (e.g. "Europe/Berlin"); an unknown id keeps the one in use. */
    void setZone(@Nullable String zoneId) {
        try {
            ZoneId zone = ZoneId.of(zoneId == null ? "" : zoneId);
            rangeBar.setZone(zone);
            header.setZone(zone);
        } catch (DateTimeException e) {
            // an old browser without Intl time zones: stay in UTC, which the label names
        }
    }

    String serverId() {
        return serverId;
    }

    TimeWindow window() {
        return window;
    }

    Map<Chart, ChartPanel> panels() {
        return charts.panels();
    }

    Map<TimeWindow.Preset, Button> presetButtons() {
        return rangeBar.presetButtons();
    }

    RangeBar rangeBar() {
        return rangeBar;
    }

    Map<String, ServiceCheckRow> serviceRows() {
        return services.rows();
    }

    FilesystemPanel filesystemPanel() {
        return filesystemPanel;
    }

    /** Switches to a new window: URL first, so it can be bookmarked, then the range queries. */
    void select(TimeWindow newWindow) {
        window = newWindow;
        replaceUrl();
        load();
    }

    private void onSnapshot(FleetSnapshot snapshot) {
        Optional<ServerSnapshot> server = snapshot.server(serverId);
        if (server.isEmpty() && !snapshot.isInitial()) {
            banner.serverRemoved();
            return;
        }
        showServer(snapshot);
        ServerDetail detail = snapshot.details().get(serverId);
        if (window.isLive() && detail != null) {
            charts.append(detail);
        }
        Instant collected = snapshot.collectedAt();
        if (collected != null) {
            server.ifPresent(s -> services.append(s.services(), collected));
        }
    }

    private void showServer(FleetSnapshot snapshot) {
        snapshot.server(serverId).ifPresent(server -> header.show(server, snapshot.collectedAt()));
        snapshot.server(serverId).ifPresent(server -> services.show(server.services()));
        banner.show(snapshot, serverId, rangeBar.zone());
    }

    private void showNotFound() {
        removeAll();
        add(new ServerNotFound(serverId));
    }

    private void load() {
        if (window.isLive()) {
            window = TimeWindow.live(window.livePreset(), clock.instant());
        }
        TimeWindow requested = window;
        // one point per pixel of the chart: the live points appended later keep this step
        int points = chartWidthPx;
        Duration step = history.step(requested, points);
        long generation = ++loadGeneration;
        rangeBar.show(requested);
        services.load(serverId, requested, points);
        getUI().ifPresent(ui -> {
            history.load(serverId, requested, points)
                    .thenAccept(data -> ui.access(() -> {
                        if (generation == loadGeneration) { // a newer window was chosen meanwhile: drop this answer
                            showHistory(data, requested, step);
                        }
                    }));
            filesystems
                    .load(serverId, requested)
                    .thenAccept(answer -> ui.access(() -> {
                        if (generation == loadGeneration) {
                            filesystemPanel.show(answer);
                        }
                    }));
        });
    }

    private void showHistory(Map<Chart, ChartData> data, TimeWindow shown, Duration step) {
        ServerSnapshot server = snapshots.current().server(serverId).orElse(null);
        gpuNote.show(data, server);
        charts.show(data, shown, step, server, clock.instant());
    }

    /**
     * A zoom is a new entry in the browser's history: Back makes the router enter this view again
     * with the window before the zoom (see {@link #beforeEnter}).
     */
    private void onZoom(ZoomEvent event) {
        if (event.min() != null && event.max() != null && event.max().isAfter(event.min())) {
            window = TimeWindow.fixed(event.min(), event.max());
            getUI().ifPresent(ui -> ui.getPage()
                    .getHistory()
                    .pushState(null, new Location(Links.server(serverId), WindowParameters.of(window))));
            load();
        }
    }

    private void replaceUrl() {
        getUI().or(() -> Optional.ofNullable(UI.getCurrent()))
                .ifPresent(ui -> ui.getPage()
                        .getHistory()
                        .replaceState(null, new Location(Links.server(serverId), WindowParameters.of(window))));
    }
}
