package dev.infradash.history;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.infradash.base.Links;
import dev.infradash.base.chart.ZoomEvent;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.ServerDetail;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.security.KioskReadable;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One server's history: a chart per metric over a window from the URL. Opening the view or
 * changing the window costs one range query per chart (on the history pool, never on this UI's
 * thread); a live preset then grows by the points each collector snapshot brings.
 */
@Route("servers/:server")
@PageTitle("Server · Infradash")
@PermitAll
@KioskReadable
class ServerDetailView extends Div implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final FleetSnapshotPublisher snapshots;
    private final ServerHistory history;
    private final ServerWatch watch;
    private final Clock clock;
    private final ServerHeader header;
    private final Div banner = new Div();
    private final Div rangeBar = new Div();
    private final Div charts = new Div();
    private final Span gpuNote = new Span();
    private final Span windowLabel = new Span();
    private final ServiceChecksPanel services = new ServiceChecksPanel();
    private final Map<Chart, ChartPanel> panels = new EnumMap<>(Chart.class);
    private final Map<TimeWindow.Preset, Button> presetButtons = new EnumMap<>(TimeWindow.Preset.class);
    private final DateTimePicker customFrom = new DateTimePicker("From");
    private final DateTimePicker customTo = new DateTimePicker("To");

    @SuppressWarnings("NullAway.Init") // set by beforeEnter, which the router runs before the view is shown
    private String serverId;

    @SuppressWarnings("NullAway.Init") // likewise
    private TimeWindow window;

    private long loadGeneration;
    private FleetSnapshotPublisher.@Nullable Subscription subscription;
    private FleetSnapshotPublisher.@Nullable Subscription watching;

    ServerDetailView(FleetSnapshotPublisher snapshots, ServerHistory history, ServerWatch watch, Clock clock) {
        this.snapshots = snapshots;
        this.history = history;
        this.watch = watch;
        this.clock = clock;
        this.header = new ServerHeader();
        addClassName("server-detail");
        banner.addClassName("banner");
        banner.addClassName("outage-banner");
        banner.setVisible(false);
        charts.addClassName("chart-grid");
        gpuNote.addClassName("chart-note");
        gpuNote.setVisible(false);
        windowLabel.addClassName("window-label");
        buildRangeBar();
        Anchor back = Links.to(Links.OVERVIEW, "← Overview");
        back.addClassName("back-link");
        add(back, header, banner, services, rangeBar, gpuNote, charts);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(
                Links.serverId(event.getRouteParameters().get("server").orElse("")),
                event.getLocation().getQueryParameters());
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

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        // asked here, in the request: snapshots arrive later on the collector's thread
        header.offerSilence(isAdmin() ? Links.silenceServer(serverId) : null);
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

    private static boolean isAdmin() {
        org.springframework.security.core.Authentication user =
                org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication();
        return user != null
                && user.getAuthorities().stream().anyMatch(role -> "ROLE_ADMIN".equals(role.getAuthority()));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (watching != null) {
            watching.close();
            watching = null;
        }
        super.onDetach(event);
    }

    String serverId() {
        return serverId;
    }

    TimeWindow window() {
        return window;
    }

    Map<Chart, ChartPanel> panels() {
        return panels;
    }

    Map<TimeWindow.Preset, Button> presetButtons() {
        return presetButtons;
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
            banner.setText("This server is no longer monitored: it was removed from the targets file. "
                    + "Its history stays in Prometheus.");
            banner.setVisible(true);
            return;
        }
        showServer(snapshot);
        ServerDetail detail = snapshot.details().get(serverId);
        if (window.isLive() && detail != null) {
            for (ChartPanel panel : panels.values()) {
                panel.append(
                        LiveCharts.values(detail, panel.chart()),
                        detail.sampledAt(),
                        window.livePreset().length());
            }
        }
    }

    private void showServer(FleetSnapshot snapshot) {
        snapshot.server(serverId).ifPresent(server -> header.show(server, snapshot.collectedAt()));
        snapshot.server(serverId).ifPresent(server -> services.show(server.services()));
        if (!snapshot.prometheus().reachable()) {
            Instant last = snapshot.prometheus().lastSuccess();
            banner.setText(
                    "Prometheus unreachable — showing data up to " + (last == null ? "nothing yet" : TIME.format(last))
                            + ". " + snapshot.prometheus().error());
            banner.setVisible(true);
        } else if (snapshot.server(serverId).isPresent()) {
            banner.setVisible(false);
        }
    }

    private void showNotFound() {
        removeAll();
        Div notFound = new Div(
                new H2("No server \u201c" + serverId + "\u201d"),
                new Span("Infradash does not know this server: it is not in the targets file and Prometheus reports "
                        + "nothing for it. "),
                Links.to(Links.OVERVIEW, "Back to the overview"));
        notFound.addClassName("not-found");
        add(notFound);
    }

    private void load() {
        if (window.isLive()) {
            window = TimeWindow.live(window.livePreset(), clock.instant());
        }
        TimeWindow requested = window;
        long generation = ++loadGeneration;
        presetButtons.forEach((preset, button) -> button.setClassName("active", preset == requested.preset()));
        windowLabel.setText(
                requested.isLive()
                        ? "Live · last " + requested.livePreset().label()
                        : TIME.format(requested.from()) + " – " + TIME.format(requested.to()));
        getUI().ifPresent(ui -> history.load(serverId, requested)
                .thenAccept(data -> ui.access(() -> {
                    if (generation == loadGeneration) { // a newer window was chosen meanwhile: drop this answer
                        showHistory(data, requested);
                    }
                })));
    }

    private void showHistory(Map<Chart, ChartData> data, TimeWindow shown) {
        ServerSnapshot server = snapshots.current().server(serverId).orElse(null);
        boolean gpu = data.keySet().stream().anyMatch(Chart::gpu);
        gpuNote.setText("No GPU exporter target for this server.");
        gpuNote.setVisible(!gpu);
        for (Chart chart : Chart.values()) {
            ChartData chartData = data.get(chart);
            if (chartData == null) {
                if (panels.containsKey(chart)) {
                    charts.remove(panels.remove(chart));
                }
                continue;
            }
            ChartPanel panel = panels.computeIfAbsent(chart, c -> {
                ChartPanel created = new ChartPanel(c, this::onZoom);
                charts.add(created);
                return created;
            });
            panel.show(chartData, shown.from(), shown.to(), MissingData.explain(chart, server));
        }
    }

    private void onZoom(ZoomEvent event) {
        if (event.min() != null && event.max() != null && event.max().isAfter(event.min())) {
            select(TimeWindow.fixed(event.min(), event.max()));
        }
    }

    private void buildRangeBar() {
        rangeBar.addClassName("range-bar");
        for (TimeWindow.Preset preset : TimeWindow.Preset.values()) {
            Button button = new Button(preset.label(), click -> select(TimeWindow.live(preset, clock.instant())));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            button.getElement().setAttribute("data-range", preset.label());
            presetButtons.put(preset, button);
            rangeBar.add(button);
        }
        customFrom.setStep(java.time.Duration.ofMinutes(1));
        customTo.setStep(java.time.Duration.ofMinutes(1));
        Button apply = new Button("Show", click -> applyCustom());
        apply.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        apply.setId("custom-range-apply");
        Div custom = new Div(customFrom, customTo, apply);
        custom.addClassName("custom-range");
        rangeBar.add(custom, windowLabel);
    }

    private void applyCustom() {
        LocalDateTime from = customFrom.getValue();
        LocalDateTime to = customTo.getValue();
        if (from == null || to == null || !to.isAfter(from)) {
            customTo.setInvalid(true);
            customTo.setErrorMessage("Pick a start and an end after it");
            return;
        }
        customTo.setInvalid(false);
        ZoneOffset offset = ZoneId.systemDefault().getRules().getOffset(Instant.now(clock));
        select(TimeWindow.fixed(from.toInstant(offset), to.toInstant(offset)));
    }

    private void replaceUrl() {
        getUI().or(() -> Optional.ofNullable(UI.getCurrent()))
                .ifPresent(ui -> ui.getPage()
                        .getHistory()
                        .replaceState(null, new Location(Links.server(serverId), WindowParameters.of(window))));
    }
}
