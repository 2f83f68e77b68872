package dev.infradash.fleet;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import dev.infradash.base.Format;
import dev.infradash.base.Reading;
import dev.infradash.base.UiProperties;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import dev.infradash.testsupport.KaribuTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The overview in a mocked Vaadin UI (Karibu): snapshots are published for real, so they arrive on
 * the publisher's broadcast thread and reach the view through {@code ui.access}, which
 * {@link MockVaadin#clientRoundtrip()} runs. Karibu's locators see only visible components, so
 * "hidden" reads {@code _assertNone}.
 */
class OverviewViewTest extends KaribuTest {

    private static final String URL = "http://prometheus.internal:9090";
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    /** Cards per page: more than the other tests' fleets, fewer than the paging tests'. */
    private static final int PAGE = 3;

    @TempDir
    Path dir;

    private Path targetsFile;
    private FleetSnapshotPublisher publisher;
    private OverviewView view;
    private RecentTrends trends;
    private TargetFacts facts;
    private long sequence;

    @BeforeEach
    void setUp() {
        targetsFile = dir.resolve("targets.json");
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(targetsFile), new ObjectMapper());
        publisher = new FleetSnapshotPublisher(
                PrometheusProperties.of(URI.create(URL)), registry, new SimpleMeterRegistry());
        trends = new RecentTrends(publisher);
        facts = new TargetFacts();
        view = new OverviewView(
                publisher,
                new UiProperties(null, null, null, null, null),
                new OverviewProperties(PAGE),
                new FleetSearch(registry, publisher),
                trends,
                facts);
        UI.getCurrent().add(view);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        SecurityContextHolder.clearContext();
        publisher.destroy();
    }

    // --- snapshots -----------------------------------------------------------------------------

    private static PrometheusStatus reachable() {
        return new PrometheusStatus(URL, true, null, T0);
    }

    private static PrometheusStatus unreachable(String error) {
        return new PrometheusStatus(URL, false, error, T0);
    }

    private FleetSnapshot snapshot(PrometheusStatus prometheus, ServerSnapshot... servers) {
        return TestSnapshots.fleet()
                .sequence(++sequence)
                .collectedAt(T0.plusSeconds(5 * sequence))
                .prometheus(prometheus)
                .servers(servers)
                .targetsFile(targetsFile.toString())
                .build();
    }

    private static Reading reading(double value) {
        return new Reading(value, T0);
    }

    private static NodeMetrics node(double cpu, double memory, double disk) {
        return new NodeMetrics(
                reading(cpu),
                reading(0.42),
                reading(memory),
                reading(16_777_216_000d),
                reading(disk),
                reading(1024),
                reading(2048),
                reading(5000),
                reading(7000),
                reading(93_784),
                reading(8));
    }

    private static ServerSnapshot server(String id, Health health, NodeMetrics node, boolean stale) {
        return TestSnapshots.server(id)
                .displayName(id.toUpperCase())
                .role("web")
                .health(health)
                .exporter("node", health == Health.UP, T0)
                .node(node)
                .stale(stale)
                .build();
    }

    private static ServerSnapshot server(String id, double cpu) {
        return server(id, Health.UP, node(cpu, 61.8, 23.4), false);
    }

    private void publish(FleetSnapshot snapshot) {
        TestSnapshots.publish(publisher, snapshot);
    }

    // --- component tree ------------------------------------------------------------------------

    private static List<Component> withClass(Component root, String className) {
        return _find(root, Component.class, spec -> spec.withClasses(className));
    }

    /** The one visible component with that class; fails otherwise. */
    private static Component single(Component root, String className) {
        return _get(root, Component.class, spec -> spec.withClasses(className));
    }

    private static void hidden(Component root, String className) {
        _assertNone(root, Component.class, spec -> spec.withClasses(className));
    }

    private static Component withAttribute(Component root, String attribute, String value) {
        return _get(root, Component.class, spec -> spec.withAttribute(attribute, value));
    }

    private List<Component> cards() {
        return withClass(view, "server-card");
    }

    private List<String> cardIds() {
        return cards().stream()
                .map(c -> c.getElement().getAttribute("data-server"))
                .toList();
    }

    private Optional<Component> card(String id) {
        return cards().stream()
                .filter(c -> id.equals(c.getElement().getAttribute("data-server")))
                .findFirst();
    }

    private Component cardOf(String id) {
        return card(id).orElseThrow(() -> new AssertionError("no card for " + id + "; cards: " + cardIds()));
    }

    private static Component metric(Component card, String metric) {
        return withAttribute(card, "data-metric", metric);
    }

    private static String metricValue(Component card, String metric) {
        return text(single(metric(card, metric), "metric-value"));
    }

    private static String stat(Component card, String stat) {
        return text(withAttribute(card, "data-stat", stat));
    }

    private static String badge(Component card) {
        return text(single(card, "server-health"));
    }

    // --- tests ---------------------------------------------------------------------------------

    @Test
    void beforeTheFirstCycleItSaysItIsConnecting() {
        MockVaadin.clientRoundtrip();

        Component empty = single(view, "empty-state");
        assertThat(empty.isVisible()).isTrue();
        assertThat(text(empty)).contains("Connecting to Prometheus…").doesNotContain("No servers");
        assertThat(cards()).isEmpty();
        hidden(view, "outage-banner");
        hidden(view, "targets-banner");
        assertThat(publisher.subscriberCount())
                .as("the view (the trend ring and the search's addresses keep books before views)")
                .isEqualTo(1);
    }

    @Test
    void cardsAppearForANewSnapshotAndAreUpdatedInPlace() {
        publish(snapshot(reachable(), server("web-1", 43.2), server("db-1", 12)));

        awaitUi(() -> {
            assertThat(cardIds()).containsExactly("web-1", "db-1");
            assertThat(metricValue(cardOf("web-1"), "cpu")).isEqualTo("43 %");
        });
        Component web = cardOf("web-1");
        Component second = cardOf("db-1");
        assertThat(metricValue(web, "memory")).isEqualTo("62 %");
        assertThat(metricValue(web, "disk")).isEqualTo("23 %");
        assertThat(stat(web, "load")).isEqualTo("Load 0.42");
        assertThat(stat(web, "uptime")).isEqualTo("Up 1d 2h");
        assertThat(badge(web)).isEqualTo("UP");
        assertThat(text(single(web, "server-name"))).isEqualTo("WEB-1");
        assertThat(metricValue(cardOf("db-1"), "cpu")).isEqualTo("12 %");
        hidden(view, "empty-state");
        assertThat(hasClass(web, "stale")).isFalse();

        // db-1 goes, new-1 comes first, web-1 changes
        publish(snapshot(reachable(), server("new-1", 5), server("web-1", 87.6)));

        awaitUi(() -> {
            assertThat(cardIds()).containsExactly("new-1", "web-1");
            assertThat(metricValue(cardOf("web-1"), "cpu")).isEqualTo("88 %");
        });
        // cards are reused by position (no new card per cycle): the first now shows new-1
        assertThat(cards()).as("the same cards, updated in place").containsExactly(web, second);
        assertThat(web.getUI()).as("still attached").isPresent();
        assertThat(metricValue(cardOf("new-1"), "cpu")).isEqualTo("5 %");
        assertThat(text(single(cardOf("new-1"), "server-name"))).isEqualTo("NEW-1");

        publish(snapshot(reachable(), server("web-1", 3.4)));

        awaitUi(() -> assertThat(metricValue(cardOf("web-1"), "cpu")).isEqualTo("3 %"));
        assertThat(cardIds()).containsExactly("web-1");
        assertThat(cardOf("web-1")).isSameAs(web);
        assertThat(second.getUI()).as("the card no server needs is gone").isEmpty();
    }

    @Test
    void afterACycleWithoutServersTheEmptyStateNamesTheTargetsFile() {
        publish(snapshot(reachable()));

        awaitUi(() -> assertThat(text(single(view, "empty-state"))).contains("No servers to monitor yet"));
        Component empty = single(view, "empty-state");
        assertThat(empty.isVisible()).isTrue();
        assertThat(text(empty)).contains(targetsFile.toString()).doesNotContain("Connecting");
        assertThat(cards()).isEmpty();
    }

    /** Issue 12: the targets file's error quoted the file (a symlink to /etc/passwd: its first line) to viewers. */
    @Test
    void theTargetsErrorShowsItsDetailOnlyToAdmins() {
        String quoting = "targets.json is not valid JSON: Unrecognized token 'root:x:0:0:root:/root:/bin/bash'";
        publish(TestSnapshots.fleet()
                .sequence(++sequence)
                .targetsFile(targetsFile.toString())
                .targetsError(quoting)
                .build());

        awaitUi(() -> assertThat(text(single(view, "targets-banner")))
                .contains("cannot be read; an admin can see why in Settings")
                .doesNotContain("root"));

        UI.getCurrent().remove(view);
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try {
            UI.getCurrent().add(view);
            awaitUi(() -> assertThat(text(single(view, "targets-banner"))).contains(quoting));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void anOutageShowsTheBannerWithUrlAndErrorAndGreysTheCards() {
        publish(snapshot(reachable(), server("web-1", 43.2), server("db-1", 12)));
        awaitUi(() -> assertThat(cardIds()).containsExactly("web-1", "db-1"));
        hidden(view, "outage-banner");
        assertThat(cards()).noneMatch(card -> hasClass(card, "stale"));

        // db-1 not flagged stale itself: an unreachable Prometheus alone must grey its card
        publish(snapshot(
                unreachable("Prometheus at " + URL + " is unreachable: Connection refused"),
                server("web-1", Health.UP, node(43.2, 61.8, 23.4), true),
                server("db-1", Health.UP, node(12, 61.8, 23.4), false)));

        awaitUi(() -> assertThat(single(view, "outage-banner").isVisible()).isTrue());
        assertThat(text(single(view, "outage-banner"))).contains(URL).contains("Connection refused");
        assertThat(cards()).hasSize(2).allMatch(card -> hasClass(card, "stale"));
        assertThat(metricValue(cardOf("web-1"), "cpu")).as("last known value").isEqualTo("43 %");

        // back: only the server that is stale on its own stays grey
        publish(snapshot(reachable(), server("web-1", 43.2), server("db-1", Health.DOWN, node(12, 61.8, 23.4), true)));

        awaitUi(() -> hidden(view, "outage-banner"));
        assertThat(hasClass(cardOf("web-1"), "stale")).isFalse();
        assertThat(hasClass(cardOf("db-1"), "stale")).isTrue();
    }

    @Test
    void aDownServerShowsADownBadge() {
        publish(snapshot(
                reachable(),
                server("web-1", 43.2),
                server("db-1", Health.DOWN, NodeMetrics.NONE, false),
                server("new-1", Health.UNKNOWN, NodeMetrics.NONE, false)));

        awaitUi(() -> assertThat(cardIds()).as("down first").containsExactly("db-1", "web-1", "new-1"));
        assertThat(badge(cardOf("web-1"))).isEqualTo("UP");
        assertThat(badge(cardOf("db-1"))).isEqualTo("DOWN");
        assertThat(hasClass(cardOf("db-1"), "down")).isTrue();
        assertThat(hasClass(cardOf("web-1"), "down")).isFalse();
        assertThat(badge(cardOf("new-1"))).isEqualTo("UNKNOWN");
        assertThat(metricValue(cardOf("db-1"), "cpu")).isEqualTo(Format.NONE);
    }

    @Test
    void aGpuServerShowsAGpuRowWithModelAndTemperature() {
        String uuid = "0b5c7f5e-1d2a-4f43-9c0e-5a1d0e6b7f21";
        GpuMetrics a100 =
                new GpuMetrics(uuid, "NVIDIA A100-SXM4-40GB", reading(87), reading(55.5), reading(64), reading(251.3));
        ServerSnapshot gpuServer = TestSnapshots.server("gpu-1")
                .role("ml")
                .exporter("gpu", true, T0)
                .exporter("node", true, T0)
                .node(node(91.5, 70, 40))
                .gpus(a100)
                .build();

        publish(snapshot(reachable(), server("web-1", 43.2), gpuServer));

        awaitUi(() -> assertThat(cardIds()).containsExactly("web-1", "gpu-1"));
        Component gpuCard = cardOf("gpu-1");
        assertThat(single(gpuCard, "gpu-section").isVisible()).isTrue();
        Component row = single(gpuCard, "gpu");
        assertThat(row.getElement().getAttribute("data-gpu")).isEqualTo(uuid);
        assertThat(text(single(row, "gpu-model"))).isEqualTo("NVIDIA A100-SXM4-40GB");
        assertThat(stat(row, "gpu-temperature")).isEqualTo("64 °C");
        assertThat(stat(row, "gpu-power")).isEqualTo("251 W");
        assertThat(metricValue(row, "gpu-util")).isEqualTo("87 %");
        assertThat(metricValue(row, "gpu-memory")).isEqualTo("56 %");

        Component webCard = cardOf("web-1");
        assertThat(withClass(webCard, "gpu")).isEmpty();
        hidden(webCard, "gpu-section");
    }

    @Test
    void detachingUnsubscribesAndReattachingSubscribesAgain() {
        assertThat(publisher.subscriberCount())
                .as("the view (the trend ring and the search's addresses keep books before views)")
                .isEqualTo(1);

        UI.getCurrent().remove(view);
        assertThat(publisher.subscriberCount()).as("no view").isZero();

        // published while detached: the view must not be told
        List<FleetSnapshot> seen = new CopyOnWriteArrayList<>();
        FleetSnapshotPublisher.Subscription probe = publisher.subscribe(seen::add);
        FleetSnapshot whileDetached = snapshot(reachable(), server("ghost-1", 10));
        publish(whileDetached);
        awaitUi(() -> assertThat(seen).contains(whileDetached));
        MockVaadin.clientRoundtrip(); // anything the view queued before the probe got it runs now
        assertThat(cards()).isEmpty();
        probe.close();

        UI.getCurrent().add(view);
        assertThat(publisher.subscriberCount())
                .as("the view (the trend ring and the search's addresses keep books before views)")
                .isEqualTo(1);
        // on attach the view draws the current snapshot at once
        assertThat(cardIds()).containsExactly("ghost-1");

        publish(snapshot(reachable(), server("web-1", 43.2)));
        awaitUi(() -> assertThat(cardIds()).containsExactly("web-1"));
        assertThat(metricValue(cardOf("web-1"), "cpu")).isEqualTo("43 %");
    }

    @Test
    void aValueOverItsThresholdColoursItsBar() {
        // default thresholds: cpu 75/90, memory 80/90, disk 80/90
        publish(snapshot(reachable(), server("web-1", Health.UP, node(95, 50, 85), false)));

        awaitUi(() -> assertThat(card("web-1")).isPresent());
        Component web = cardOf("web-1");
        assertThat(hasClass(metric(web, "cpu"), "critical")).isTrue();
        assertThat(hasClass(metric(web, "memory"), "critical")).isFalse();
        assertThat(hasClass(metric(web, "memory"), "warning")).isFalse();
        assertThat(hasClass(metric(web, "disk"), "warning")).isTrue();
        assertThat(hasClass(metric(web, "disk"), "critical")).isFalse();

        publish(snapshot(reachable(), server("web-1", Health.UP, node(20, 50, 85), false)));

        awaitUi(() -> assertThat(metricValue(cardOf("web-1"), "cpu")).isEqualTo("20 %"));
        assertThat(hasClass(metric(web, "cpu"), "critical")).isFalse();
        assertThat(hasClass(metric(web, "cpu"), "warning")).isFalse();
    }

    @Test
    void silencedAlertsAreMutedWithTheirEndAndPendingTextIsInTheCardNotOnlyInATooltip() {
        Instant until = Instant.parse("2026-11-27T14:05:00Z");
        ServerAlert silenced =
                new ServerAlert("HostDown", "critical", "firing", T0, "web-1 is down", List.of("sil-1"), until);
        ServerAlert pending = new ServerAlert("HighCpuUsage", "warning", "pending", T0, "CPU of db-1 above 90 %");
        publish(snapshot(
                reachable(),
                withAlerts(server("web-1", 10), List.of(silenced)),
                withAlerts(server("db-1", 10), List.of(pending))));

        awaitUi(() -> {
            Component badge = single(cardOf("web-1"), "alert-badge");
            assertThat(text(badge)).isEqualTo("1 silenced");
            assertThat(badge.getElement().getAttribute("theme"))
                    .contains("contrast")
                    .doesNotContain("error");
            Component line = single(cardOf("web-1"), "alert-line");
            assertThat(hasClass(line, "silenced")).isTrue();
            assertThat(text(line))
                    .contains("web-1 is down")
                    .contains("silenced until "
                            + java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                                    .withZone(java.time.ZoneId.systemDefault())
                                    .format(until));
            // the pending alert's text is a visible line of the card
            Component pendingLine = single(cardOf("db-1"), "alert-line");
            assertThat(pendingLine.isVisible()).isTrue();
            assertThat(text(pendingLine)).isEqualTo("pending: CPU of db-1 above 90 %");
            // no admin signed in: no silence link
            hidden(cardOf("db-1"), "silence-link");
        });
    }

    @Test
    void firingAlertsShowAsABadgeInTheColourOfTheWorstAndPendingOnesOnlyWhenNothingFires() {
        ServerAlert memory = new ServerAlert("HighMemoryUsage", "warning", "firing", T0, "Memory of web-1 above 90 %");
        ServerAlert disk =
                new ServerAlert("RootFilesystemAlmostFull", "critical", "firing", T0, "Root fs of web-1 full");
        ServerAlert pending = new ServerAlert("HighCpuUsage", "warning", "pending", T0, "CPU of db-1 above 90 %");
        ServerSnapshot web = withAlerts(server("web-1", 10), List.of(disk, memory));
        ServerSnapshot db = withAlerts(server("db-1", 10), List.of(pending));
        publish(snapshot(reachable(), web, db, server("ok-1", 10)));

        awaitUi(() -> {
            Component badge = single(cardOf("web-1"), "alert-badge");
            assertThat(badge.isVisible()).isTrue();
            assertThat(text(badge)).isEqualTo("2 alerts");
            assertThat(badge.getElement().getAttribute("theme")).contains("error");
            assertThat(badge.getElement().getAttribute("title")).contains("Root fs of web-1 full");
            Component dbBadge = single(cardOf("db-1"), "alert-badge");
            assertThat(text(dbBadge)).isEqualTo("1 pending");
            assertThat(dbBadge.getElement().getAttribute("theme")).contains("contrast");
            hidden(cardOf("ok-1"), "alert-badge");
        });

        publish(snapshot(reachable(), withAlerts(server("web-1", 10), List.of(memory))));
        awaitUi(() -> {
            Component badge = single(cardOf("web-1"), "alert-badge");
            assertThat(text(badge)).isEqualTo("1 alert");
            assertThat(badge.getElement().getAttribute("theme"))
                    .contains("warning")
                    .doesNotContain("error");
        });
    }

    @Test
    void aCycleThatChangesNothingButTheAgePushesAlmostNothing() {
        publish(snapshot(reachable(), server("web-1", 43), server("db-1", 12)));
        awaitUi(() -> assertThat(cardIds()).containsExactly("web-1", "db-1"));
        // a second cycle gives the sparklines their second point: from then on they only move
        publish(snapshot(reachable(), server("web-1", 43), server("db-1", 12)));
        awaitUi(() ->
                assertThat(single(cardOf("web-1"), "sparkline").isVisible()).isTrue());
        var tree = UI.getCurrent().getInternals().getStateTree();
        tree.collectChanges(change -> {});

        publish(snapshot(reachable(), server("web-1", 43), server("db-1", 12)));
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        awaitUi(() -> {
            tree.collectChanges(change -> changes.incrementAndGet());
            assertThat(changes.get()).isPositive();
        });
        // only each card's "Updated … ago" text and its sparkline (a new point) move; re-setting
        // equal texts and themes would be ~60
        System.out.printf("state changes pushed for 2 unchanged cards: %d%n", changes.get());
        assertThat(changes.get()).isLessThanOrEqualTo(12);
    }

    @Test
    void onlyAPageOfCardsIsDrawnAndShowMoreDrawsTheNext() {
        ServerSnapshot[] fleet = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> server("srv-" + i, 10 + i))
                .toArray(ServerSnapshot[]::new);
        publish(snapshot(reachable(), fleet));
        awaitUi(() -> assertThat(cardIds()).containsExactly("srv-0", "srv-1", "srv-2"));
        Component more = single(view, "show-more");
        assertThat(more.isVisible()).isTrue();
        assertThat(text(more)).isEqualTo("Show 3 more (3 of 7 servers shown)");

        view.showMore();
        assertThat(cardIds()).containsExactly("srv-0", "srv-1", "srv-2", "srv-3", "srv-4", "srv-5");
        assertThat(metricValue(cardOf("srv-5"), "cpu"))
                .as("a new page is filled at once")
                .isEqualTo("15 %");
        assertThat(text(more)).isEqualTo("Show 1 more (6 of 7 servers shown)");

        // the next cycle keeps the longer page and updates every drawn card
        fleet[4] = server("srv-4", 77);
        publish(snapshot(reachable(), fleet));
        awaitUi(() -> assertThat(metricValue(cardOf("srv-4"), "cpu")).isEqualTo("77 %"));
        assertThat(cards()).hasSize(6);

        view.showMore();
        assertThat(cardIds()).hasSize(7).endsWith("srv-6");
        assertThat(more.isVisible()).isFalse();

        // a shrinking fleet shows what is left, and the button only if anything is hidden
        publish(snapshot(reachable(), fleet[0], fleet[1]));
        awaitUi(() -> assertThat(cardIds()).containsExactly("srv-0", "srv-1"));
        assertThat(more.isVisible()).isFalse();
    }

    @Test
    void theSummaryCountsTheWholeFleetAndLinksProblemsBeyondThePage() {
        ServerAlert disk =
                new ServerAlert("RootFilesystemAlmostFull", "critical", "firing", T0, "Root fs of srv-5 full");
        ServerAlert pending = new ServerAlert("HighCpuUsage", "warning", "pending", T0, "CPU of srv-1 above 90 %");
        publish(snapshot(
                reachable(),
                server("srv-0", 10),
                withAlerts(server("srv-1", 10), List.of(pending)),
                server("srv-2", 10),
                server("srv-3", Health.UNKNOWN, node(1, 1, 1), false),
                server("srv-4", 10),
                withAlerts(server("srv-5", 10), List.of(disk)),
                server("srv-6", Health.DOWN, node(1, 1, 1), false)));

        awaitUi(() -> assertThat(cards()).hasSize(PAGE));
        Component summary = single(view, "fleet-summary");
        assertThat(text(single(summary, "fleet-counts")))
                .isEqualTo("7 servers · 5 up · 1 down · 1 unknown · 1 with firing alerts");
        assertThat(hasClass(summary, "has-problems")).isTrue();
        List<Component> links = withClass(summary, "problem-link");
        assertThat(links)
                .extracting(link -> link.getElement().getAttribute("href"))
                .containsExactly("servers/srv-5", "servers/srv-6");
        assertThat(links).extracting(OverviewViewTest::text).containsExactly("SRV-5 (alert)", "SRV-6 (down)");

        publish(snapshot(reachable(), server("srv-0", 10), server("srv-6", 10)));
        awaitUi(() -> assertThat(text(single(summary, "fleet-counts")))
                .isEqualTo("2 servers · 2 up · 0 down · 0 with firing alerts"));
        assertThat(withClass(summary, "problem-link")).isEmpty();
        assertThat(hasClass(summary, "has-problems")).isFalse();
    }

    private static ServerSnapshot withAlerts(ServerSnapshot s, List<ServerAlert> alerts) {
        return TestSnapshots.server(s).alerts(alerts).build();
    }

    // --- issue 15: find and compare, defects ----------------------------------------------------

    private ServerSnapshot down(String id) {
        return server(id, Health.DOWN, node(1, 1, 1), true);
    }

    private static List<Component> visibleCardsOf(Component root) {
        return withClass(root, "server-card");
    }

    @Test
    void downAndAlertingServersComeFirstSoTheFirstPageShowsThemWhateverTheFleetsOrder() {
        ServerAlert disk = new ServerAlert("RootFilesystemAlmostFull", "critical", "firing", T0, "full");
        publish(snapshot(
                reachable(),
                server("srv-0", 10),
                server("srv-1", 10),
                server("srv-2", 10),
                server("srv-3", 10),
                withAlerts(server("srv-4", 10), List.of(disk)),
                down("srv-5")));

        awaitUi(() -> assertThat(cardIds()).containsExactly("srv-5", "srv-4", "srv-0"));
    }

    @Test
    void theFilterNarrowsTheCardsAndTheSortOrdersThem() {
        ServerSnapshot storage =
                TestSnapshots.server(server("store-1", 20)).role("storage").build();
        publish(snapshot(reachable(), server("web-1", 80), storage, down("web-2"), server("web-3", 50)));
        awaitUi(() -> assertThat(cards()).hasSize(PAGE));

        view.applyFilter(FleetFilter.DEFAULT.withSearch("STORE"));
        assertThat(cardIds()).containsExactly("store-1");

        view.applyFilter(FleetFilter.DEFAULT.withRole("storage"));
        assertThat(cardIds()).containsExactly("store-1");

        view.applyFilter(FleetFilter.DEFAULT.withStatus(FleetFilter.Status.DOWN));
        assertThat(cardIds()).containsExactly("web-2");

        view.applyFilter(FleetFilter.DEFAULT.withSort(FleetFilter.Sort.CPU));
        assertThat(cardIds()).as("down first, then the busiest").containsExactly("web-2", "web-1", "web-3");

        view.applyFilter(FleetFilter.DEFAULT.withSearch("no such server"));
        assertThat(cards()).isEmpty();
        assertThat(text(single(view, "no-match"))).contains("No server matches").contains("4 servers");
    }

    @Test
    void groupingByRoleHeadsEachGroup() {
        ServerSnapshot storage =
                TestSnapshots.server(server("store-1", 20)).role("storage").build();
        publish(snapshot(reachable(), server("web-1", 80), storage));
        awaitUi(() -> assertThat(cards()).hasSize(2));

        view.applyFilter(FleetFilter.DEFAULT.withGroupByRole(true));
        assertThat(withClass(view, "role-heading"))
                .extracting(h -> h.getElement().getAttribute("data-role"))
                .containsExactly("storage", "web");
        assertThat(cardIds()).containsExactly("store-1", "web-1");
    }

    @Test
    void theTableViewShowsEveryMatchingServerAsARowAndDropsTheCards() {
        ServerSnapshot[] fleet = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> server("srv-" + i, 10 + i))
                .toArray(ServerSnapshot[]::new);
        publish(snapshot(reachable(), fleet));
        awaitUi(() -> assertThat(cards()).hasSize(PAGE));

        view.applyFilter(FleetFilter.DEFAULT.withLayout(FleetFilter.Layout.TABLE));

        assertThat(cards()).as("no cards held beside the table").isEmpty();
        FleetTable table = _get(view, FleetTable.class, spec -> {});
        assertThat(table.rowCount()).isEqualTo(7);
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._size(table)).isEqualTo(7);
        hidden(view, "show-more");

        view.applyFilter(FleetFilter.DEFAULT);
        assertThat(cardIds()).hasSize(PAGE);
        _assertNone(view, FleetTable.class, spec -> {});
    }

    @Test
    void aSearchKeystrokeReusesThePagesCardsInsteadOfBuildingNewOnes() {
        ServerSnapshot[] fleet = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> server("srv-" + i, 10 + i))
                .toArray(ServerSnapshot[]::new);
        publish(snapshot(reachable(), fleet));
        awaitUi(() -> assertThat(cardIds()).containsExactly("srv-0", "srv-1", "srv-2"));
        List<Component> before = cards();

        view.applyFilter(FleetFilter.DEFAULT.withSearch("srv-5"));

        assertThat(cardIds()).containsExactly("srv-5");
        assertThat(cards().get(0))
                .as("the first card shows the match: the page's cards are reused, not built again")
                .isSameAs(before.get(0));
        Component card = cardOf("srv-5");
        assertThat(text(card)).contains("SRV-5").contains("15");
        assertThat(_get(card, com.vaadin.flow.component.html.Anchor.class, spec -> spec.withClasses("server-link"))
                        .getHref())
                .isEqualTo(dev.infradash.base.Links.server("srv-5"));

        view.applyFilter(FleetFilter.DEFAULT.withSearch("srv-"));
        assertThat(cardIds()).containsExactly("srv-0", "srv-1", "srv-2");
        assertThat(cards()).hasSize(3).first().isSameAs(before.get(0));
        assertThat(text(cardOf("srv-0"))).contains("SRV-0").doesNotContain("SRV-5");
    }

    @Test
    void anOpenTableHoldsNothingOfThePreviousSnapshot() {
        view.applyFilter(FleetFilter.DEFAULT.withLayout(FleetFilter.Layout.TABLE));
        java.lang.ref.WeakReference<ServerSnapshot> previous = publishAndAskRows(50);
        publishAndAskRows(60); // the next cycle; the browser has not confirmed the update yet

        // what the table still held of the previous cycle would be held by every open table alone
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .pollDelay(java.time.Duration.ZERO)
                .until(() -> {
                    System.gc();
                    return previous.get() == null;
                });
        FleetTable table = _get(view, FleetTable.class, spec -> {});
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(table, 0))
                .as("the rows show the newest cycle's values")
                .contains(Format.percent(reading(60)));
    }

    /** Publishes a fleet of 5 at this CPU and lets the table send its rows, as a browser asks them. */
    private java.lang.ref.WeakReference<ServerSnapshot> publishAndAskRows(double cpu) {
        ServerSnapshot[] fleet = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> server("srv-" + i, cpu))
                .toArray(ServerSnapshot[]::new);
        publish(snapshot(reachable(), fleet));
        // wait for this snapshot's values, not only for 5 rows: after the first cycle there are 5
        // rows already, and the view takes the new snapshot on another thread
        awaitUi(() -> {
            FleetTable table = _get(view, FleetTable.class, spec -> {});
            assertThat(table.rowCount()).isEqualTo(5);
            table.getDataCommunicator().setViewportRange(0, 50);
            MockVaadin.clientRoundtrip();
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(table, 0))
                    .contains(Format.percent(reading(cpu)));
        });
        return new java.lang.ref.WeakReference<>(fleet[0]);
    }

    @Test
    void aTargetWithoutNodeExporterShowsWhatItHasInsteadOfDashes() {
        ServerSnapshot infradash = TestSnapshots.server("infradash")
                .displayName("Infradash")
                .role("")
                .exporter("other", true, T0)
                .build();
        facts.answered(
                java.util.Map.of(
                        TargetFacts.SCRAPE,
                        List.of(sample("infradash", 0.012)),
                        TargetFacts.HEAP,
                        List.of(sample("infradash", 150 * 1024 * 1024)),
                        TargetFacts.UPTIME,
                        List.of(sample("infradash", 3 * 3600 + 240))),
                snapshot(reachable(), infradash));
        publish(snapshot(reachable(), infradash, server("web-1", 10)));

        awaitUi(() -> assertThat(cards()).hasSize(2));
        Component card = cardOf("infradash");
        assertThat(text(single(card, "target-facts")))
                .isEqualTo("Exporter other up · scrape 12 ms · heap 150 MiB · process up 3h 4m");
        _assertNone(card, Component.class, spec -> spec.withAttribute("data-metric", "cpu"));
        assertThat(metricValue(cardOf("web-1"), "cpu"))
                .as("node servers keep their bars")
                .isEqualTo("10 %");
        hidden(cardOf("web-1"), "target-facts");
    }

    private static dev.infradash.prometheus.Sample sample(String server, double value) {
        return new dev.infradash.prometheus.Sample(java.util.Map.of("server", server), T0, value);
    }

    @Test
    void theEmptyStateLinksAdminsToSettings() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        UI.getCurrent().remove(view);
        UI.getCurrent().add(view); // the role is read on attach
        publish(snapshot(reachable()));

        awaitUi(() -> assertThat(text(single(view, "empty-state"))).contains("No servers to monitor yet"));
        Component link = single(view, "empty-state-settings");
        assertThat(link.getElement().getAttribute("href")).isEqualTo("settings");
        assertThat(link.getElement().hasAttribute("router-link")).isTrue();
    }

    @Test
    void viewersGetNoSettingsLinkInTheEmptyState() {
        publish(snapshot(reachable()));

        awaitUi(() -> assertThat(text(single(view, "empty-state"))).contains("An admin adds servers"));
        hidden(view, "empty-state-settings");
    }

    @Test
    void cardsShowTheTrendOfTheLastCyclesFromTheRingNotFromPrometheus() {
        publish(snapshot(reachable(), server("web-1", 10)));
        publish(snapshot(reachable(), server("web-1", 90)));

        awaitUi(() -> assertThat(metricValue(cardOf("web-1"), "cpu")).isEqualTo("90 %"));
        Component spark = single(cardOf("web-1"), "sparkline");
        assertThat(spark.getElement().getProperty("innerHTML"))
                .contains("<polyline class=\"spark-cpu\" points=\"")
                .contains(trends.of("web-1").cpuPoints());
        assertThat(trends.of("web-1").samples()).isEqualTo(2);
    }

    @Test
    void backRestoresTheLoadedCardsForTheSameQuery() {
        ServerSnapshot[] fleet = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> server("srv-" + i, 10 + i))
                .toArray(ServerSnapshot[]::new);
        publish(snapshot(reachable(), fleet));
        awaitUi(() -> assertThat(cards()).hasSize(PAGE));

        view.restore("{\"remembered\":\"\",\"back\":\"{\\\"query\\\":\\\"\\\",\\\"cards\\\":7,\\\"y\\\":1200}\"}");

        assertThat(cards()).as("7 cards were loaded: 3 pages of 3").hasSize(8);
    }

    @Test
    void theBrowsersRememberedFilterAppliesWhenTheUrlHasNone() {
        publish(snapshot(reachable(), server("web-1", 10), down("web-2")));
        awaitUi(() -> assertThat(cards()).hasSize(2));

        view.restore("{\"remembered\":\"?status=down\",\"back\":\"\"}");

        assertThat(view.filter().status()).isEqualTo(FleetFilter.Status.DOWN);
        assertThat(cardIds()).containsExactly("web-2");
    }
}
