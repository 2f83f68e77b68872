package dev.infradash.alerting;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import dev.infradash.base.Links;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.targets.Actor;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Firing, pending and silenced alerts now (from the collector's snapshot: no request of its own),
 * the active silences, and on demand the history of the last 24 h or 7 d (one cached read of
 * Prometheus' ALERTS series). Admins silence and expire from here; the cards and the detail view
 * link here with {@code ?server=ID&silence=1}.
 */
@Route(Links.ALERTS)
@Menu(order = 0.5, icon = "vaadin:bell", title = "Alerts")
@PageTitle("Alerts · Infradash")
@PermitAll // every signed-in user reads; the silence actions are admin-only
class AlertsView extends Div implements BeforeEnterObserver {

    static final String ALL = "";

    private final FleetSnapshotPublisher snapshots;
    private final SilenceService silences;
    private final AlertHistory history;
    final Select<String> server = new Select<>();
    final Select<String> severity = new Select<>();
    final Select<HistoryRange> range = new Select<>();
    final Div now = new Div();
    final Div silenceList = new Div();
    final Div historyList = new Div();
    final Details historyDetails = new Details("History");
    final Span alertmanagerNote = new Span();
    final Button newSilence = new Button("New silence…");
    private @Nullable Authentication admin;
    private boolean openSilenceDialog;
    /** What the lists show now, to skip redrawing (and pushing) an unchanged list every cycle. */
    private @Nullable List<Object> drawn;

    private long historyGeneration;
    private FleetSnapshot shown;
    private FleetSnapshotPublisher.@Nullable Subscription subscription;

    AlertsView(FleetSnapshotPublisher snapshots, SilenceService silences, AlertHistory history) {
        this.snapshots = snapshots;
        this.silences = silences;
        this.history = history;
        this.shown = snapshots.current();
        addClassName("alerts-view");
        server.setLabel("Server");
        server.setEmptySelectionAllowed(false);
        severity.setLabel("Severity");
        severity.setItems(ALL, "critical", "warning", "info");
        severity.setItemLabelGenerator(s -> s.isEmpty() ? "All severities" : s);
        severity.setValue(ALL);
        range.setLabel("History range");
        range.setItems(HistoryRange.values());
        range.setItemLabelGenerator(HistoryRange::label);
        range.setValue(HistoryRange.DAY);
        Div filters = new Div(server, severity, range, newSilence);
        filters.addClassName("alert-filters");
        newSilence.setVisible(false);
        newSilence.addClickListener(click -> openDialog(selectedServer(), null));
        now.addClassName("alerts-now");
        silenceList.addClassName("silence-list");
        historyList.addClassName("alert-history");
        historyDetails.add(historyList);
        historyDetails.addOpenedChangeListener(event -> loadHistory());
        alertmanagerNote.addClassName("banner");
        alertmanagerNote.setVisible(false);
        server.addValueChangeListener(event -> refilter());
        severity.addValueChangeListener(event -> refilter());
        range.addValueChangeListener(event -> loadHistory());
        add(
                new H2("Alerts"),
                filters,
                alertmanagerNote,
                new H3("Now"),
                now,
                new H3("Silences"),
                silenceList,
                historyDetails);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String wanted = query.getSingleParameter("server").orElse(ALL);
        showServers(snapshots.current(), wanted);
        openSilenceDialog = query.getSingleParameter("silence").isPresent();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        // asked here, in the request: snapshots arrive later on the collector's thread
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        admin = user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))
                ? user
                : null;
        newSilence.setVisible(admin != null);
        subscription = snapshots.subscribe(snapshot -> ui.access(() -> show(snapshot)));
        show(snapshots.current());
        if (openSilenceDialog && admin != null) {
            openSilenceDialog = false;
            openDialog(selectedServer(), null);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        super.onDetach(event);
    }

    void show(FleetSnapshot snapshot) {
        shown = snapshot;
        showServers(snapshot, server.getValue() == null ? ALL : server.getValue());
        CurrentAlerts.Listing listing = CurrentAlerts.of(snapshot, selectedServer(), selectedSeverity());
        List<Object> drawing = List.of(
                listing.alerts(),
                SilenceSummary.of(snapshot),
                String.valueOf(listing.alertmanagerError()),
                String.valueOf(selectedServer()));
        if (drawing.equals(drawn)) {
            return; // most cycles change nothing here: push nothing
        }
        drawn = drawing;
        alertmanagerNote.setVisible(listing.alertmanagerError() != null);
        alertmanagerNote.setText(
                "Alertmanager cannot be reached, so silences are not shown: " + listing.alertmanagerError());
        now.removeAll();
        if (listing.alerts().isEmpty()) {
            now.add(new Span(snapshot.isInitial() ? "Loading…" : "Nothing fires or is pending."));
        }
        for (CurrentAlert alert : listing.alerts()) {
            now.add(AlertItems.current(alert, admin == null ? null : actions(alert)));
        }
        silenceList.removeAll();
        List<SilenceSummary> active = SilenceSummary.of(snapshot).stream()
                .filter(s -> selectedServer() == null || s.server().equals(selectedServer()))
                .toList();
        if (active.isEmpty()) {
            silenceList.add(new Span("No active silences."));
        }
        for (SilenceSummary silence : active) {
            Button expire = admin == null ? null : expireButton(silence.id());
            silenceList.add(AlertItems.silence(silence, expire));
        }
    }

    private List<Button> actions(CurrentAlert alert) {
        List<Button> buttons = new ArrayList<>();
        if (alert.silencedBy().isEmpty()) {
            Button silence = new Button("Silence…", click -> openDialog(alert.server(), alert.alertname()));
            silence.addThemeVariants(ButtonVariant.LUMO_SMALL);
            silence.addClassName("silence-button");
            buttons.add(silence);
        } else {
            alert.silencedBy().forEach(id -> buttons.add(expireButton(id)));
        }
        return buttons;
    }

    private Button expireButton(String id) {
        Button expire = new Button("Expire silence");
        expire.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        expire.addClassName("expire-button");
        expire.getElement().setAttribute("data-silence", id);
        expire.addClickListener(click -> {
            Authentication user = admin;
            if (user == null) return;
            VaadinRequest http = VaadinRequest.getCurrent();
            UI ui = UI.getCurrent();
            expire.setEnabled(false);
            silences.expireAsync(id, user, new Actor(user.getName(), http == null ? "unknown" : http.getRemoteAddr()))
                    .whenComplete((ok, error) -> ui.access(() -> {
                        expire.setEnabled(true);
                        expire.setText(error == null ? "Expired" : "Could not expire: " + rootMessage(error));
                    }));
        });
        return expire;
    }

    void openDialog(@Nullable String serverId, @Nullable String alertname) {
        if (admin == null) return;
        new SilenceDialog(shown, serverId, alertname, silences, admin, () -> {}).open();
    }

    private void refilter() {
        show(shown);
        loadHistory();
    }

    /** One (cached) read when the history is open; a newer filter's answer wins. */
    void loadHistory() {
        if (!historyDetails.isOpened()) return;
        long generation = ++historyGeneration;
        HistoryRange wanted = range.getValue();
        historyDetails.setSummaryText("History · " + wanted.label());
        historyList.removeAll();
        historyList.add(new Span("Loading…"));
        UI ui = UI.getCurrent();
        history.load(wanted, selectedServer(), selectedSeverity())
                .whenComplete((page, error) -> ui.access(() -> {
                    if (generation != historyGeneration) return;
                    historyList.removeAll();
                    if (error != null) {
                        historyList.add(new Span("Prometheus could not answer: " + rootMessage(error)));
                    } else if (page.intervals().isEmpty()) {
                        historyList.add(new Span("Nothing fired in this range."));
                    } else {
                        page.intervals().forEach(interval -> historyList.add(AlertItems.interval(interval, shown)));
                    }
                }));
    }

    private void showServers(FleetSnapshot snapshot, String wanted) {
        List<String> ids = new ArrayList<>();
        ids.add(ALL);
        ids.addAll(snapshot.servers().stream().map(ServerSnapshot::id).toList());
        if (!wanted.isEmpty() && !ids.contains(wanted)) ids.add(wanted); // not loaded yet: keep the filter
        if (!ids.equals(server.getListDataView().getItems().collect(Collectors.toList()))) {
            server.setItems(ids);
            server.setItemLabelGenerator(id -> id.isEmpty()
                    ? "All servers"
                    : snapshot.server(id).map(ServerSnapshot::displayName).orElse(id));
        }
        if (!wanted.equals(server.getValue())) server.setValue(wanted);
    }

    private @Nullable String selectedServer() {
        String value = server.getValue();
        return value == null || value.isEmpty() ? null : value;
    }

    private @Nullable String selectedSeverity() {
        String value = severity.getValue();
        return value == null || value.isEmpty() ? null : value;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        return String.valueOf(cause.getMessage());
    }
}
