package dev.infradash.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.infradash.metrics.FleetSnapshot;
import dev.infradash.metrics.FleetSnapshotPublisher;
import dev.infradash.metrics.ServerSnapshot;
import dev.infradash.security.KioskReadable;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every server at a glance. Subscribes to the shared snapshot on attach, unsubscribes on detach,
 * and redraws only through {@code UI.access}: the view never talks to Prometheus itself.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview · Infradash")
@PermitAll // any logged-in user, VIEWER or ADMIN
@KioskReadable // and everybody in kiosk mode
public class OverviewView extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final FleetSnapshotPublisher snapshots;
    private final UiProperties thresholds;
    private final Div outageBanner = banner("outage-banner");
    private final Div targetsBanner = banner("targets-banner");
    private final Div emptyState = new Div();
    private final Div grid = new Div();
    private final Map<String, ServerCard> cards = new LinkedHashMap<>();
    private FleetSnapshotPublisher.Subscription subscription;

    public OverviewView(FleetSnapshotPublisher snapshots, UiProperties thresholds) {
        this.snapshots = snapshots;
        this.thresholds = thresholds;
        addClassName("overview");
        emptyState.addClassName("empty-state");
        grid.addClassName("server-grid");
        add(outageBanner, targetsBanner, emptyState, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        // Subscribe first: a snapshot published in between is then queued behind this show().
        subscription = snapshots.subscribe(snapshot -> ui.access(() -> show(snapshot)));
        show(snapshots.current());
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
        boolean reachable = snapshot.prometheus().reachable();
        outageBanner.setVisible(!reachable);
        if (!reachable) {
            outageBanner.removeAll();
            String since = snapshot.prometheus().lastSuccess() == null ? "no data yet"
                    : "showing values from " + TIME.format(snapshot.prometheus().lastSuccess());
            outageBanner.add(new Span("Prometheus at " + snapshot.prometheus().url() + " is unreachable — " + since
                    + ". " + snapshot.prometheus().error()));
        }
        targetsBanner.setVisible(snapshot.targetsError() != null);
        if (snapshot.targetsError() != null) {
            targetsBanner.removeAll();
            targetsBanner.add(new Span("The targets file cannot be used, the last good list is shown: "
                    + snapshot.targetsError()));
        }
        showEmptyState(snapshot);
        syncCards(snapshot.servers());
        for (ServerSnapshot server : snapshot.servers()) {
            cards.get(server.id()).show(server, snapshot.collectedAt(), reachable);
        }
    }

    private void showEmptyState(FleetSnapshot snapshot) {
        boolean empty = snapshot.servers().isEmpty();
        emptyState.setVisible(empty);
        if (!empty) {
            return;
        }
        emptyState.removeAll();
        if (snapshot.isInitial()) {
            emptyState.add(new H2("Connecting to Prometheus…"));
            return;
        }
        emptyState.add(new H2("No servers to monitor yet"),
                new Paragraph("Add a target group for each exporter to " + snapshot.targetsFile()
                        + ", for example:"),
                code("[{\"targets\": [\"10.0.0.5:9100\"], \"labels\": {\"server\": \"web-1\", \"role\": \"web\","
                        + " \"__infradash_exporter\": \"node\"}}]"),
                new Paragraph("Prometheus and Infradash pick the change up within seconds, without a restart. "
                        + "prometheus/prometheus.yml describes every label."));
    }

    /** Adds and removes cards so they match the snapshot's servers, in its order. */
    private void syncCards(List<ServerSnapshot> servers) {
        Set<String> ids = new HashSet<>();
        servers.forEach(server -> ids.add(server.id()));
        cards.keySet().removeIf(id -> {
            if (!ids.contains(id)) {
                grid.remove(cards.get(id));
                return true;
            }
            return false;
        });
        List<String> order = servers.stream().map(ServerSnapshot::id).toList();
        if (!order.equals(List.copyOf(cards.keySet()))) {
            for (ServerSnapshot server : servers) {
                ServerCard card = cards.computeIfAbsent(server.id(), id -> new ServerCard(id, thresholds));
                grid.add(card);
            }
            Map<String, ServerCard> reordered = new LinkedHashMap<>();
            order.forEach(id -> reordered.put(id, cards.get(id)));
            cards.clear();
            cards.putAll(reordered);
        }
    }

    private static Div banner(String className) {
        Div banner = new Div();
        banner.addClassName("banner");
        banner.addClassName(className);
        banner.setVisible(false);
        return banner;
    }

    private static Div code(String text) {
        Div code = new Div(new Span(text));
        code.addClassName("code");
        return code;
    }
}
