package dev.infradash.fleet;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.infradash.base.Links;
import dev.infradash.base.UiProperties;
import dev.infradash.security.CurrentUser;
import dev.infradash.security.KioskReadable;
import jakarta.annotation.security.PermitAll;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every server at a glance. Subscribes to the shared snapshot on attach, unsubscribes on detach,
 * and redraws only through {@code UI.access}: the view never talks to Prometheus itself.
 *
 * <p>The summary line counts the whole fleet and names the servers that are down, so a problem
 * shows at once however many servers there are. Below it, find and compare: a {@link FleetFilter}
 * (search, role, status, sort, grouping, cards or table) that lives in the URL query, so a link or
 * a kiosk keeps it, and in the browser's localStorage, so a plain visit gets the last choice.
 * {@link FleetSearch} applies it; this view only binds. Cards come a page at a time
 * ({@link CardsPane}); Back from a detail view brings back as many pages and the scroll position.
 */
@Route("")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Overview")
@PageTitle("Overview · Infradash")
@PermitAll // any logged-in user, VIEWER or ADMIN
@KioskReadable // and everybody in kiosk mode
class OverviewView extends Div implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** localStorage key of the last filter (a URL query string). */
    static final String REMEMBERED = "infradash.overview.filter";
    /** sessionStorage key of what Back should restore: the query, the card count, the scroll position. */
    static final String BACK = "infradash.overview.back";
    /**
     * JS: the element that scrolls {@code el}: in the app layout that is a part of its shadow DOM,
     * not the document, so it is looked up through slots and shadow hosts.
     */
    static final String SCROLLER = """
            const scroller = el => {
              for (let e = el; e; e = e.assignedSlot || e.parentElement || e.getRootNode().host) {
                if (e !== el && e.scrollHeight > e.clientHeight && /(auto|scroll)/.test(getComputedStyle(e).overflowY)) return e;
              }
              return document.scrollingElement;
            };
            """;

    private final FleetSnapshotPublisher snapshots;
    private final FleetSearch search;
    private final RecentTrends trends;
    private final Div outageBanner = banner("outage-banner");
    private final Div targetsBanner = banner("targets-banner");
    /** Only admins see why the targets file cannot be read: the reason can quote the file. */
    private boolean admin;

    private final Div emptyState = new Div();
    private final Paragraph noMatch = new Paragraph();
    private final FleetSummary summary = new FleetSummary();
    private final OverviewToolbar toolbar = new OverviewToolbar(this::filterChanged);
    private final CardsPane cardsPane;
    private @Nullable FleetTable table;
    private FleetFilter filter = FleetFilter.DEFAULT;
    private boolean filterFromUrl;
    private @Nullable FleetSnapshot shown;
    private FleetSnapshotPublisher.@Nullable Subscription subscription;

    OverviewView(
            FleetSnapshotPublisher snapshots,
            UiProperties thresholds,
            OverviewProperties overview,
            FleetSearch search,
            RecentTrends trends,
            TargetFacts facts) {
        this.snapshots = snapshots;
        this.search = search;
        this.trends = trends;
        this.cardsPane = new CardsPane(thresholds, trends, facts, overview.pageSize());
        addClassName("overview");
        emptyState.addClassName("empty-state");
        noMatch.addClassName("no-match");
        noMatch.setVisible(false);
        cardsPane.onMore(this::showMore);
        add(summary, outageBanner, targetsBanner, toolbar, emptyState, noMatch, cardsPane);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> query =
                event.getLocation().getQueryParameters().getParameters();
        filterFromUrl = FleetFilter.mentionedIn(query);
        if (filterFromUrl) {
            filter = FleetFilter.fromQuery(query);
            toolbar.show(filter);
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        // asked here, in the request: snapshots arrive later on the collector's thread
        admin = CurrentUser.isAdmin();
        cardsPane.setAdmin(admin);
        // The button presses itself when it comes within a screen of the viewport: infinite
        // scroll without a scroll listener. Re-observed after each page (see showMore), because
        // an observer reports changes only and a page may leave the button in view.
        cardsPane.moreButton().getElement().executeJs("""
                const button = this;
                if (button.__nearViewport) button.__nearViewport.disconnect(); // re-attached: one observer only
                button.__nearViewport = new IntersectionObserver(entries => {
                  if (entries.some(entry => entry.isIntersecting) && !button.hidden) button.click();
                }, {rootMargin: '0px 0px 100% 0px'});
                button.__nearViewport.observe(button);""");
        // Leaving for a server by a link: remember how far down this list was, for Back.
        getElement().executeJs(SCROLLER + """
                if (this.__rememberBack) return;
                this.__rememberBack = true;
                this.addEventListener('click', e => {
                  if (!e.target.closest('a[href*="servers/"]')) return;
                  sessionStorage.setItem($0, JSON.stringify({query: location.search,
                    cards: this.querySelectorAll('.server-card').length, y: scroller(this).scrollTop}));
                }, true);""", BACK);
        // Subscribe first: a snapshot published in between is then queued behind this show().
        subscription = snapshots.subscribe(snapshot -> ui.access(() -> show(snapshot)));
        show(snapshots.current());
        getElement().executeJs("""
                        const back = sessionStorage.getItem($0);
                        sessionStorage.removeItem($0);
                        return JSON.stringify({remembered: localStorage.getItem($1) || '', back: back || ''});""", BACK, REMEMBERED).then(String.class, this::restore);
    }

    /** The browser's answer on attach: its remembered filter, and what Back should bring back. */
    void restore(String json) {
        BrowserMemory memory = BrowserMemory.parse(json);
        if (!filterFromUrl && !memory.rememberedQuery().isEmpty()) {
            FleetFilter remembered = parseQuery(memory.rememberedQuery());
            if (!remembered.equals(filter)) {
                filter = remembered;
                toolbar.show(filter);
                writeUrl();
            }
        }
        // the same filter as when the user left (other parameters, like Spring's ?continue, aside)
        if (memory.backCards() > 0 && parseQuery(memory.backQuery()).equals(filter)) {
            cardsPane.restore(memory.backCards());
            if (shown != null) {
                show(shown);
            }
            getElement()
                    .executeJs(
                            SCROLLER + "requestAnimationFrame(() => { scroller(this).scrollTop = $0; })",
                            memory.backScrollY());
        } else if (shown != null) {
            show(shown);
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

    /** Draws the next page of cards; called by the button, by hand or from its observer. */
    void showMore() {
        cardsPane.nextPage();
        if (shown != null) {
            show(shown);
        }
        cardsPane.moreButton().getElement().executeJs("""
                if (this.__nearViewport) { this.__nearViewport.unobserve(this); this.__nearViewport.observe(this); }""");
    }

    FleetFilter filter() {
        return filter;
    }

    /** What the toolbar does on a change; for tests, what a user's choice does. */
    void applyFilter(FleetFilter next) {
        toolbar.show(next);
        filterChanged(next);
    }

    private void filterChanged(FleetFilter next) {
        filter = next;
        cardsPane.firstPage();
        writeUrl();
        getElement().executeJs("localStorage.setItem($0, $1)", REMEMBERED, queryString(filter));
        if (shown != null) {
            show(shown);
        }
    }

    /** The filter into the address bar, without a navigation: a link or a reload keeps it. */
    private void writeUrl() {
        getElement().executeJs("history.replaceState(history.state, '', location.pathname + $0)", queryString(filter));
    }

    private static FleetFilter parseQuery(String query) {
        return FleetFilter.fromQuery(
                QueryParameters.fromString(query.replaceFirst("^\\?", "")).getParameters());
    }

    static String queryString(FleetFilter filter) {
        Map<String, String> query = filter.toQuery();
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
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
        FleetSnapshot forUser = admin ? snapshot : snapshot.forNonAdmins();
        targetsBanner.setVisible(forUser.targetsError() != null);
        if (forUser.targetsError() != null) {
            targetsBanner.removeAll();
            targetsBanner.add(new Span(
                    "The targets file cannot be used, the last good list is shown: " + forUser.targetsError()));
        }
        showEmptyState(snapshot);
        toolbar.setVisible(!snapshot.servers().isEmpty());
        toolbar.setRoles(FleetFilter.roles(snapshot.servers()));
        List<ServerSnapshot> selection = search.select(snapshot, filter);
        noMatch.setVisible(selection.isEmpty() && !snapshot.servers().isEmpty());
        noMatch.setText("No server matches this search and filter ("
                + snapshot.servers().size() + " servers in all).");
        if (filter.layout() == FleetFilter.Layout.TABLE) {
            cardsPane.clear();
            FleetTable rows = table();
            rows.setVisible(!selection.isEmpty());
            rows.show(selection);
        } else {
            if (table != null) {
                remove(table); // a hidden grid still holds its rows: drop it
                table = null;
            }
            cardsPane.show(selection, filter.groupByRole(), snapshot.collectedAt(), reachable);
        }
    }

    private FleetTable table() {
        if (table == null) {
            table = new FleetTable(trends);
            addComponentAtIndex(indexOf(cardsPane), table);
        }
        return table;
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
        emptyState.add(new H2("No servers to monitor yet"));
        if (admin) {
            // the way most admins add a server: a form, not JSON
            var settings = Links.to(SETTINGS, "Add a server in Settings");
            settings.addClassName("empty-state-settings");
            settings.setId("add-server-link");
            emptyState.add(new Paragraph(settings));
        }
        emptyState.add(
                new Paragraph((admin ? "Or add" : "An admin adds servers in Settings, or adds")
                        + " a target group for each exporter to " + snapshot.targetsFile() + ", for example:"),
                code("[{\"targets\": [\"10.0.0.5:9100\"], \"labels\": {\"server\": \"web-1\", \"role\": \"web\","
                        + " \"__infradash_exporter\": \"node\"}}]"),
                new Paragraph("Prometheus and Infradash pick the change up within seconds, without a restart. "
                        + "prometheus/prometheus.yml describes every label."));
    }

    /** The settings view's path; a string, so the fleet slice does not import the settings slice. */
    static final String SETTINGS = "settings";

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
