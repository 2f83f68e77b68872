package dev.infradash.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import dev.infradash.base.Reading;
import dev.infradash.base.UiProperties;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What find and compare costs the server with 500 servers (issue 15); not a test (no surefire or
 * failsafe pattern matches {@code *Bench}). Run: {@code scripts/bench.sh overview}.
 *
 * <p>In a mocked Vaadin UI (Karibu), so it measures the server's share only, without a browser:
 * building the overview for {@code ?status=down}, one search keystroke's redraw, the state
 * changes one redraw pushes, and the heap one open overview holds, as paged cards and as the
 * table. Each timing is the median of {@link #ROUNDS} after {@link #WARMUP} warm-up rounds.
 */
public final class OverviewFindBench {

    static final int SERVERS = Integer.getInteger("bench.servers", 500);
    static final int ROUNDS = 15;
    static final int WARMUP = 10;
    static final int VIEWS_FOR_HEAP = 40;
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private OverviewFindBench() {}

    public static void main(String[] args) throws Exception {
        // no Spring here to configure logging: Logback's default logs every DEBUG line of Vaadin
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        // Karibu runs Vaadin in development mode, whose component tracker takes a stack trace of
        // every component made and keeps it: half of this bench's time and heap, none of the
        // production jar's. Off, as in production (it reads the flag once, before any component).
        System.setProperty("vaadin.devmode.componentTracker.enabled", "false");
        Path dir = Files.createTempDirectory("overview-bench");
        TargetRegistry registry =
                new TargetRegistry(new TargetsProperties(dir.resolve("targets.json")), new ObjectMapper());
        FleetSnapshotPublisher publisher = new FleetSnapshotPublisher(
                PrometheusProperties.of(URI.create("http://127.0.0.1:9")), registry, new SimpleMeterRegistry());
        RecentTrends trends = new RecentTrends(publisher);
        FleetSearch search = new FleetSearch(registry, publisher);
        TargetFacts facts = new TargetFacts();
        FleetSnapshot snapshot = null;
        for (int i = 0; i < 180; i++) {
            snapshot = fleet(i + 1, T0.plusSeconds(5L * i));
            trends.add(snapshot); // a full 15-minute ring, as after 15 minutes of running
        }
        FleetSnapshot current = java.util.Objects.requireNonNull(snapshot);
        MockVaadin.setup(new Routes());
        UI.getCurrent().removeAll();
        try {
            List<String> rows = new ArrayList<>();
            rows.add(row("what (" + SERVERS + " servers, server side, no component tracker)", "median", "unit"));
            FleetFilter table = FleetFilter.DEFAULT.withLayout(FleetFilter.Layout.TABLE);
            heapPerView(publisher, search, trends, facts, current, FleetFilter.DEFAULT); // warm-up
            heapPerView(publisher, search, trends, facts, current, table);
            long cards = heapPerView(publisher, search, trends, facts, current, FleetFilter.DEFAULT);
            long tableHeap = heapPerView(publisher, search, trends, facts, current, table);
            rows.add(row("heap per open overview, paged cards (first page)", kib(cards), "KiB"));
            rows.add(row(
                    "heap per open overview, table of " + SERVERS + " rows (" + TABLE_ROWS_ASKED + " asked)",
                    kib(tableHeap),
                    "KiB"));

            double downMs = median(() -> {
                OverviewView view = view(publisher, search, trends, facts);
                view.applyFilter(FleetFilter.DEFAULT.withStatus(FleetFilter.Status.DOWN));
                UI.getCurrent().add(view);
                view.show(current);
                UI.getCurrent().getInternals().getStateTree().collectChanges(change -> {});
                UI.getCurrent().remove(view);
            });
            rows.add(row("open the overview at ?status=down (build + first show)", fmt(downMs), "ms"));

            OverviewView typing = view(publisher, search, trends, facts);
            UI.getCurrent().add(typing);
            typing.show(current);
            AtomicInteger keystroke = new AtomicInteger();
            double searchMs = median(() -> {
                // "srv-4", then back to "": narrowing and widening again, alternately
                typing.applyFilter(FleetFilter.DEFAULT.withSearch(keystroke.getAndIncrement() % 2 == 0 ? "srv-4" : ""));
                UI.getCurrent().getInternals().getStateTree().collectChanges(change -> {});
            });
            rows.add(row("one search keystroke: filter 500 + redraw the cards", fmt(searchMs), "ms"));
            // one narrowing keystroke from the unfiltered page, as a user types it
            typing.applyFilter(FleetFilter.DEFAULT);
            UI.getCurrent().getInternals().getStateTree().collectChanges(change -> {});
            int maxNodeBefore = maxNodeId();
            typing.applyFilter(FleetFilter.DEFAULT.withSearch("srv-4"));
            AtomicInteger changes = new AtomicInteger();
            UI.getCurrent().getInternals().getStateTree().collectChanges(change -> changes.incrementAndGet());
            rows.add(row(
                    "state changes that keystroke (\"\" to \"srv-4\") pushes",
                    Integer.toString(changes.get()),
                    "changes"));
            rows.add(row("elements that keystroke creates", Integer.toString(maxNodeId() - maxNodeBefore), "nodes"));
            UI.getCurrent().remove(typing);

            rows.forEach(System.out::println);
        } finally {
            MockVaadin.tearDown();
            publisher.destroy();
        }
    }

    /** Rows of the table a browser asks for first (vaadin-grid: a page of 50 and the next). */
    static final int TABLE_ROWS_ASKED = 100;

    /** The highest state node id in the UI: ids are handed out in order, so a rise counts new elements. */
    private static int maxNodeId() {
        AtomicInteger max = new AtomicInteger();
        UI.getCurrent().getElement().getNode().visitNodeTree(node -> max.accumulateAndGet(node.getId(), Math::max));
        return max.get();
    }

    private static OverviewView view(
            FleetSnapshotPublisher publisher, FleetSearch search, RecentTrends trends, TargetFacts facts) {
        return new OverviewView(
                publisher,
                new UiProperties(null, null, null, null, null),
                new OverviewProperties(24),
                search,
                trends,
                facts);
    }

    /**
     * Heap after GC per open overview: {@link #VIEWS_FOR_HEAP} views, each shown a snapshot of its
     * own first (dropped afterwards, as the collector drops each cycle's) and then the shared
     * current one, so whatever a view keeps of an old snapshot counts as its own. The table is
     * asked for its first {@link #TABLE_ROWS_ASKED} rows, as a browser asks.
     */
    private static long heapPerView(
            FleetSnapshotPublisher publisher,
            FleetSearch search,
            RecentTrends trends,
            TargetFacts facts,
            FleetSnapshot current,
            FleetFilter filter) {
        long before = usedAfterGc();
        List<OverviewView> views = new ArrayList<>();
        for (int i = 0; i < VIEWS_FOR_HEAP; i++) {
            OverviewView view = view(publisher, search, trends, facts);
            view.applyFilter(filter);
            UI.getCurrent().add(view);
            view.show(fleet(current.sequence() - 1, T0)); // the previous cycle's, for this view alone
            askRows(view);
            MockVaadin.clientRoundtrip();
            view.show(current);
            askRows(view);
            MockVaadin.clientRoundtrip();
            views.add(view);
        }
        long after = usedAfterGc();
        views.forEach(UI.getCurrent()::remove);
        MockVaadin.clientRoundtrip();
        return (after - before) / VIEWS_FOR_HEAP;
    }

    /** What the browser's vaadin-grid does on its own: ask for the rows in view, confirm each update. */
    private static void askRows(OverviewView view) {
        view.getChildren()
                .filter(FleetTable.class::isInstance)
                .map(FleetTable.class::cast)
                .forEach(table -> {
                    table.getDataCommunicator().setViewportRange(0, TABLE_ROWS_ASKED);
                    MockVaadin.clientRoundtrip();
                    for (int update = 0; update < 100; update++) {
                        table.getDataCommunicator().confirmUpdate(update);
                    }
                });
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(Runnable round) {
        for (int i = 0; i < WARMUP; i++) {
            round.run();
        }
        double[] ms = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            round.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[ROUNDS / 2];
    }

    /** 500 servers in 5 roles; every 25th down, every 40th with a firing alert. */
    static FleetSnapshot fleet(long sequence, Instant at) {
        List<ServerSnapshot> servers = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            boolean down = i % 25 == 7;
            double cpu = (i * 37 + sequence) % 100;
            TestSnapshots.ServerBuilder server = TestSnapshots.server("srv-" + i)
                    .displayName("Server " + i)
                    .role(List.of("web", "db", "storage", "gpu", "proxmox").get(i % 5))
                    .health(down ? Health.DOWN : Health.UP)
                    .stale(down)
                    .exporter("node", !down, at)
                    .node(new NodeMetrics(
                            new Reading(cpu, at),
                            new Reading(1.5, at),
                            new Reading((cpu * 7) % 100, at),
                            new Reading(64e9, at),
                            new Reading((i * 13) % 100, at),
                            new Reading(1e6, at),
                            new Reading(2e6, at),
                            new Reading(3e6, at),
                            new Reading(4e6, at),
                            new Reading(86_400 * 3, at),
                            new Reading(16, at)));
            if (i % 40 == 3) {
                server.alerts(List.of(new ServerAlert("HighCpuUsage", "warning", "firing", at, "busy")));
            }
            servers.add(server.build());
        }
        return TestSnapshots.fleet()
                .sequence(sequence)
                .collectedAt(at)
                .servers(servers.toArray(ServerSnapshot[]::new))
                .build();
    }

    private static String row(String what, String value, String unit) {
        return String.format(Locale.ROOT, "| %-58s | %10s | %-7s |", what, value, unit);
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String kib(long bytes) {
        return Long.toString(bytes / 1024);
    }
}
