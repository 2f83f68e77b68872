package dev.infradash.fleet;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.infradash.base.Texts;
import dev.infradash.base.UiProperties;
import dev.infradash.security.KioskReadable;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every server at a glance. Subscribes to the shared snapshot on attach, unsubscribes on detach,
 * and redraws only through {@code UI.access}: the view never talks to Prometheus itself.
 *
 * <p>The summary line counts the whole fleet and names the servers that are down, so a problem
 * shows at once however many servers there are. Cards are drawn a page at a time
 * ({@link OverviewProperties#pageSize()}); the next page comes when the "show more" button
 * scrolls near the viewport, or is pressed. Each card costs server memory and push bytes in every
 * open tab, so a tab holds the cards its user has looked at, not the whole fleet.
 */
@Route("")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Overview")
@PageTitle("Overview · Infradash")
@PermitAll // any logged-in user, VIEWER or ADMIN
@KioskReadable // and everybody in kiosk mode
class OverviewView extends Div {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final FleetSnapshotPublisher snapshots;
    private final UiProperties thresholds;
    private final Div outageBanner = banner("outage-banner");
    private final Div targetsBanner = banner("targets-banner");
    /** Only admins see why the targets file cannot be read: the reason can quote the file. */
    private boolean admin;

    private final Div emptyState = new Div();
    private final Div grid = new Div();
    private final FleetSummary summary = new FleetSummary();
    private final Button more = new Button();
    private final Map<String, ServerCard> cards = new LinkedHashMap<>();
    private final int pageSize;
    private int limit;
    private @Nullable FleetSnapshot shown;
    private FleetSnapshotPublisher.@Nullable Subscription subscription;

    OverviewView(FleetSnapshotPublisher snapshots, UiProperties thresholds, OverviewProperties overview) {
        this.snapshots = snapshots;
        this.thresholds = thresholds;
        this.pageSize = overview.pageSize();
        this.limit = pageSize;
        addClassName("overview");
        emptyState.addClassName("empty-state");
        grid.addClassName("server-grid");
        more.addClassName("show-more");
        more.setId("show-more");
        more.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        more.setVisible(false);
        more.addClickListener(click -> showMore());
        add(summary, outageBanner, targetsBanner, emptyState, grid, more);
    }

    private static boolean isAdmin() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null
                && user.getAuthorities().stream().anyMatch(role -> "ROLE_ADMIN".equals(role.getAuthority()));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        // asked here, in the request: snapshots arrive later on the collector's thread
        admin = isAdmin();
        // The button presses itself when it comes within a screen of the viewport: infinite
        // scroll without a scroll listener. Re-observed after each page (see showMore), because
        // an observer reports changes only and a page may leave the button in view.
        more.getElement().executeJs("""
                const button = this;
                if (button.__nearViewport) button.__nearViewport.disconnect(); // re-attached: one observer only
                button.__nearViewport = new IntersectionObserver(entries => {
                  if (entries.some(entry => entry.isIntersecting) && !button.hidden) button.click();
                }, {rootMargin: '0px 0px 100% 0px'});
                button.__nearViewport.observe(button);""");
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

    /** Draws the next page of cards; called by the button, by hand or from its observer. */
    void showMore() {
        limit += pageSize;
        if (shown != null) {
            show(shown);
        }
        more.getElement().executeJs("""
                if (this.__nearViewport) { this.__nearViewport.unobserve(this); this.__nearViewport.observe(this); }""");
    }

    void show(FleetSnapshot snapshot) {
        shown = snapshot;
        summary.show(snapshot);
        boolean reachable = snapshot.prometheus().reachable();
        outageBanner.setVisible(!reachable);
        if (!reachable) {
            outageBanner.removeAll();
            String since = snapshot.prometheus().lastSuccess() == null
                    ? "no data yet"
                    : "showing values from " + TIME.format(snapshot.prometheus().lastSuccess());
            outageBanner.add(new Span("Prometheus at " + snapshot.prometheus().url() + " is unreachable — " + since
                    + ". " + snapshot.prometheus().error()));
        }
        FleetSnapshot shown = admin ? snapshot : snapshot.forNonAdmins();
        targetsBanner.setVisible(shown.targetsError() != null);
        if (shown.targetsError() != null) {
            targetsBanner.removeAll();
            targetsBanner.add(
                    new Span("The targets file cannot be used, the last good list is shown: " + shown.targetsError()));
        }
        showEmptyState(snapshot);
        List<ServerSnapshot> all = snapshot.servers();
        List<ServerSnapshot> page = all.subList(0, Math.min(limit, all.size()));
        syncCards(page);
        for (ServerSnapshot server : page) {
            Objects.requireNonNull(cards.get(server.id()), "synced above")
                    .show(server, snapshot.collectedAt(), reachable);
        }
        int hidden = all.size() - page.size();
        more.setVisible(hidden > 0);
        if (hidden > 0) {
            Texts.set(
                    more,
                    "Show " + Math.min(pageSize, hidden) + " more (" + page.size() + " of " + all.size()
                            + " servers shown)");
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
        emptyState.add(
                new H2("No servers to monitor yet"),
                new Paragraph("Add a target group for each exporter to " + snapshot.targetsFile() + ", for example:"),
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
                ServerCard card = cards.computeIfAbsent(server.id(), id -> new ServerCard(id, thresholds, admin));
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
