package dev.infradash.fleet;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.Reading;
import dev.infradash.base.chart.Series;
import dev.infradash.history.Chart;
import dev.infradash.history.ChartData;
import dev.infradash.history.ChartQueries;
import dev.infradash.history.LiveCharts;
import dev.infradash.history.ServerHistory;
import dev.infradash.history.ServerWatch;
import dev.infradash.history.TimeWindow;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.prometheus.Sample;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import dev.infradash.testsupport.GpuExporterStub.Dialect;
import dev.infradash.testsupport.GpuExporterStub.Gpu;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStack.TargetGroup;
import dev.infradash.testsupport.PrometheusStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The collector against a REAL Prometheus scraping REAL node_exporters and GPU exporter stubs on
 * loopback, 1 s scrape interval. Cycles are driven by hand with collectNow(), except where the
 * schedule itself is under test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectorIT {

    private static final Duration SCRAPE = Duration.ofSeconds(1);
    private static final Gpu DCGM_GPU =
            new Gpu("GPU-0a1b2c3d-0000-0000-0000-000000000001", "NVIDIA RTX A6000", 37, 20e9, 48e9, 61, 180);
    private static final Gpu SMI_GPU =
            new Gpu("GPU-0a1b2c3d-0000-0000-0000-000000000002", "NVIDIA GeForce RTX 4090", 80, 12e9, 24e9, 70, 300);

    /**
     * The product's default TargetDown waits 1m; FastTargetDown fires after 2 s so the test can
     * watch it. The app writes its rules itself (alerting.AlertRules), and this test runs without
     * the app, so the default TargetDown is given here as the app would render it.
     */
    private static final String FAST_DOWN_RULE = """
            groups:
              - name: test
                rules:
                  - alert: TargetDown
                    expr: up{server!=""} == 0
                    for: 1m
                    labels: {severity: critical, infradash_rule: target-down}
                    annotations: {summary: "{{ $labels.job }} exporter of {{ $labels.server }} is down"}
                  - alert: FastTargetDown
                    expr: up{server!=""} == 0
                    for: 2s
                    labels: {severity: critical}
                    annotations: {summary: "{{ $labels.job }} exporter of {{ $labels.server }} is down"}
            """;

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(b -> b.nodeExporters(2)
            .scrapeInterval(SCRAPE)
            .extraRules(FAST_DOWN_RULE)
            .gpuExporter(Dialect.DCGM, DCGM_GPU)
            .gpuExporter(Dialect.NVIDIA_SMI, SMI_GPU));

    private static PrometheusStack stack;
    private static PrometheusClient client;
    private static FleetQueries queries;
    private static FleetSnapshotPublisher publisher;
    private static MetricsCollector collector;
    private static ServerWatch watch;
    private static ServerHistory history;
    private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startCollector() {
        stack = prometheus.stack();
        stack.writeTargets(referenceFleet());
        CollectorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "infradash.refresh-interval",
                        "200ms",
                        "infradash.rate-window",
                        "10s",
                        "infradash.slow-parts-interval",
                        "0s")))
                .bindOrCreate("infradash", CollectorProperties.class);
        PrometheusProperties prometheusProperties = PrometheusProperties.of(stack.prometheusUrl());
        client = new PrometheusClient(prometheusProperties);
        queries = new FleetQueries(properties);
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(stack.targetsFile()), new ObjectMapper());
        publisher = new FleetSnapshotPublisher(prometheusProperties, registry, meters);
        watch = new ServerWatch();
        history = new ServerHistory(client, new ChartQueries(properties), properties, publisher);
        LiveCharts liveCharts = new LiveCharts(watch, new ChartQueries(properties), history, properties);
        collector = new MetricsCollector(
                client,
                queries,
                RecordingRules.fixed(client, queries, new RecordingRules.Status(false, "raw expressions in this test")),
                registry,
                publisher,
                List.of(liveCharts),
                properties,
                Clock.systemUTC(),
                meters);
        stack.awaitTargetsUp(5, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCollector() throws Exception {
        if (collector != null) {
            collector.stop();
        }
        if (history != null) {
            history.destroy();
        }
        if (client != null) {
            client.close();
        }
        if (publisher != null) {
            publisher.destroy();
        }
    }

    private static List<TargetGroup> referenceFleet() {
        return List.of(
                server("ai", "gpu", "AI Server", Exporter.NODE, stack.nodeExporterHostPort(0)),
                server(
                        "ai",
                        "gpu",
                        "AI Server",
                        Exporter.GPU,
                        stack.gpuExporter(0).hostPort()),
                server("app", "proxmox", "App Server", Exporter.NODE, stack.nodeExporterHostPort(0)),
                server("storage", "storage", "Storage Server", Exporter.NODE, stack.nodeExporterHostPort(1)),
                server(
                        "storage",
                        "storage",
                        "Storage Server",
                        Exporter.GPU,
                        stack.gpuExporter(1).hostPort()));
    }

    /** Waits until rate() has enough samples, so every value of every server is there. */
    private static FleetSnapshot awaitCompleteSnapshot() {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        collector::collectNow,
                        s -> s.prometheus().reachable()
                                && s.servers().size() == 3
                                && s.servers().stream()
                                        .allMatch(server -> server.up()
                                                && !server.stale()
                                                && server.node().cpuBusyPercent() != null
                                                && server.node().diskWriteBytesPerSecond() != null
                                                && server.node().networkReceiveBytesPerSecond() != null
                                                && server.node().rootFilesystemUsedPercent() != null)
                                && s.server("ai").orElseThrow().gpus().size() == 1
                                && s.server("storage").orElseThrow().gpus().size() == 1);
    }

    @Test
    @Order(1)
    void snapshotValuesEqualWhatPrometheusAnswersForTheSamePromql() {
        FleetSnapshot snapshot = awaitCompleteSnapshot();
        assertThat(snapshot.failedQueries()).isEmpty();

        Map<FleetQuery, Function<NodeMetrics, Reading>> node = new EnumMap<>(FleetQuery.class);
        node.put(FleetQuery.CPU_BUSY, NodeMetrics::cpuBusyPercent);
        node.put(FleetQuery.LOAD1, NodeMetrics::load1);
        node.put(FleetQuery.MEMORY_USED, NodeMetrics::memoryUsedPercent);
        node.put(FleetQuery.MEMORY_TOTAL, NodeMetrics::memoryTotalBytes);
        node.put(FleetQuery.ROOT_FS_USED, NodeMetrics::rootFilesystemUsedPercent);
        node.put(FleetQuery.DISK_READ, NodeMetrics::diskReadBytesPerSecond);
        node.put(FleetQuery.DISK_WRITE, NodeMetrics::diskWriteBytesPerSecond);
        node.put(FleetQuery.NETWORK_RECEIVE, NodeMetrics::networkReceiveBytesPerSecond);
        node.put(FleetQuery.NETWORK_TRANSMIT, NodeMetrics::networkTransmitBytesPerSecond);
        node.put(FleetQuery.UPTIME, NodeMetrics::uptimeSeconds);
        node.put(FleetQuery.CORES, NodeMetrics::cores);
        int compared = 0;
        for (var entry : node.entrySet()) {
            // the same PromQL, evaluated by Prometheus at the same instant, asked on its own
            List<Sample> answer = client.query(queries.promql(entry.getKey()), snapshot.collectedAt())
                    .asVector()
                    .samples();
            assertThat(answer).as(entry.getKey().name()).hasSize(3);
            for (Sample sample : answer) {
                ServerSnapshot server =
                        snapshot.server(sample.labels().get("server")).orElseThrow();
                assertThat(entry.getValue().apply(server.node()).value())
                        .as(entry.getKey() + " of " + server.id())
                        .isEqualTo(sample.value());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(11 * 3);

        Map<FleetQuery, Function<GpuMetrics, Reading>> gpu = Map.of(
                FleetQuery.GPU_UTILIZATION, GpuMetrics::utilizationPercent,
                FleetQuery.GPU_MEMORY_USED, GpuMetrics::memoryUsedPercent,
                FleetQuery.GPU_TEMPERATURE, GpuMetrics::temperatureCelsius,
                FleetQuery.GPU_POWER, GpuMetrics::powerWatts);
        for (var entry : gpu.entrySet()) {
            List<Sample> answer = client.query(queries.promql(entry.getKey()), snapshot.collectedAt())
                    .asVector()
                    .samples();
            assertThat(answer).as(entry.getKey().name()).hasSize(2);
            for (Sample sample : answer) {
                GpuMetrics g = snapshot.server(sample.labels().get("server"))
                        .orElseThrow()
                        .gpus()
                        .get(0);
                assertThat(g.uuid()).isEqualTo(sample.labels().get("uuid"));
                assertThat(entry.getValue().apply(g).value()).isEqualTo(sample.value());
            }
        }
        // and both exporter dialects mean the same thing to a user
        GpuMetrics dcgm = snapshot.server("ai").orElseThrow().gpus().get(0);
        GpuMetrics smi = snapshot.server("storage").orElseThrow().gpus().get(0);
        assertThat(dcgm.model()).isEqualTo("NVIDIA RTX A6000");
        // one UUID form for both dialects, so a GPU watched by both exporters is one GPU
        assertThat(dcgm.uuid()).isEqualTo("0a1b2c3d-0000-0000-0000-000000000001");
        assertThat(smi.uuid()).isEqualTo("0a1b2c3d-0000-0000-0000-000000000002");
        assertThat(dcgm.utilizationPercent().value()).isEqualTo(37);
        assertThat(dcgm.temperatureCelsius().value()).isEqualTo(61);
        assertThat(dcgm.memoryUsedPercent().value())
                .isCloseTo(100 * 20e9 / 48e9, org.assertj.core.data.Offset.offset(0.5));
        assertThat(smi.model()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(smi.utilizationPercent().value()).isEqualTo(80);
        assertThat(smi.memoryUsedPercent().value()).isEqualTo(50);
        assertThat(smi.powerWatts().value()).isEqualTo(300);

        ServerSnapshot ai = snapshot.server("ai").orElseThrow();
        assertThat(ai.displayName()).isEqualTo("AI Server");
        assertThat(ai.role()).isEqualTo("gpu");
        assertThat(ai.node().cpuBusyPercent().sampledAt())
                .as("sample time is the last scrape, not the query time")
                .isBefore(snapshot.collectedAt())
                .isAfter(snapshot.collectedAt().minus(SCRAPE.multipliedBy(3)));
    }

    @Test
    @Order(0) // first, right after Prometheus starts: the hardest moment for rate()
    void theCombinedQueryAnswersExactlyWhatEachPartAnswersAlone() {
        // the instant at which the collector got every part: rate() has two samples there, even
        // right after Prometheus started (a few seconds earlier it may have had one)
        Instant at = awaitCompleteSnapshot().collectedAt();
        // and every scrape that began before it has landed: each target has a newer sample, so the
        // combined query and the parts below read the same data at that instant
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> stack.query("min(timestamp(up{server!=\"\"}))")
                                .path(0)
                                .path("value")
                                .path(1)
                                .asDouble()
                        > at.getEpochSecond() + 1);
        Map<String, Map<Map<String, String>, Double>> combined = new java.util.HashMap<>();
        for (Sample sample : client.query(queries.combined(), at).asVector().samples()) {
            Map<String, String> labels = new java.util.HashMap<>(sample.labels());
            String part = labels.remove(FleetQueries.QUERY_LABEL);
            combined.computeIfAbsent(part, k -> new java.util.HashMap<>()).put(labels, sample.value());
        }
        // this fleet has no service checks: their parts (probe_*) answer nothing, alone or combined;
        // the disk-full forecast answers only for filesystems that fill up: none on this machine
        Map<String, String> parts = new java.util.HashMap<>(FleetQueryParts.byKey(queries));
        parts.keySet().removeIf(key -> key.startsWith("service_"));
        java.util.Set<String> mayBeEmpty = java.util.Set.of(FleetQuery.FS_FULL_IN.key());
        assertThat(combined.keySet())
                .containsAll(parts.keySet().stream()
                        .filter(key -> !mayBeEmpty.contains(key))
                        .toList())
                .isSubsetOf(parts.keySet());
        int samples = 0;
        for (var part : parts.entrySet()) {
            Map<Map<String, String>, Double> alone = new java.util.HashMap<>();
            client.query(part.getValue(), at)
                    .asVector()
                    .samples()
                    .forEach(sample -> alone.put(sample.labels(), sample.value()));
            if (mayBeEmpty.contains(part.getKey())) {
                assertThat(combined.getOrDefault(part.getKey(), Map.of()))
                        .as(part.getKey())
                        .isEqualTo(alone);
                continue;
            }
            assertThat(combined.get(part.getKey()))
                    .as(part.getKey())
                    .isNotEmpty()
                    .isEqualTo(alone);
            samples += alone.size();
        }
        System.out.printf(
                "combined query: %d parts, %d samples, each equal to its part asked alone%n", combined.size(), samples);
    }

    @Test
    @Order(2)
    void prometheusRequestsPerCycleDoNotGrowWithServers() {
        double oneServer;
        double twentyServers;
        stack.writeTargets(server("solo", "test", null, Exporter.NODE, stack.nodeExporterHostPort(0)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> collector.collectNow().servers().size() == 1);
        oneServer = requestsPerCycle(10);

        List<TargetGroup> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(server("node-" + i, "test", null, Exporter.NODE, stack.nodeExporterHostPort(i % 2)));
        }
        stack.writeTargets(twenty);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            FleetSnapshot s = collector.collectNow();
            return s.servers().size() == 20 && s.servers().stream().allMatch(ServerSnapshot::up);
        });
        twentyServers = requestsPerCycle(10);
        System.out.printf(
                "Prometheus API requests per cycle: 1 server %.1f, 20 servers %.1f%n", oneServer, twentyServers);

        // one combined query for every value of every server, one for the alerts
        assertThat(oneServer).isEqualTo(2.0);
        assertThat(twentyServers).isEqualTo(oneServer);
        // the filesystems of the cards and /api/servers come from that same request
        assertThat(collector.collectNow().servers())
                .allSatisfy(s -> assertThat(s.filesystems()).anySatisfy(fs -> {
                    assertThat(fs.mountpoint()).isEqualTo("/");
                    assertThat(fs.usedPercent()).isBetween(0.0, 100.0);
                    assertThat(fs.sizeBytes()).isPositive();
                }));
        // viewers of detail views add their live parts to it, not requests of their own
        List<FleetSnapshotPublisher.Subscription> viewers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            viewers.add(watch.watch("node-" + i));
        }
        double withViewers = requestsPerCycle(10);
        viewers.forEach(FleetSnapshotPublisher.Subscription::close);
        System.out.printf("Prometheus API requests per cycle with 5 detail viewers: %.1f%n", withViewers);
        assertThat(withViewers).isEqualTo(oneServer);

        stack.writeTargets(referenceFleet());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> collector.collectNow().servers().size() == 3);
    }

    private static double requestsPerCycle(int cycles) {
        long before = stack.apiRequestCount();
        for (int i = 0; i < cycles; i++) {
            collector.collectNow();
        }
        return (stack.apiRequestCount() - before) / (double) cycles;
    }

    @Test
    @Order(3)
    void aStoppedExporterTurnsItsServerDownWithinTwoScrapeIntervals() {
        awaitCompleteSnapshot();
        long stoppedAt = System.nanoTime();
        stack.stopNodeExporter(1);
        try {
            FleetSnapshot down = await().atMost(SCRAPE.multipliedBy(2).plusMillis(500))
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            collector::collectNow,
                            s -> !s.server("storage").orElseThrow().up());
            System.out.printf(
                    "storage DOWN %d ms after its node_exporter stopped%n",
                    (System.nanoTime() - stoppedAt) / 1_000_000);
            ServerSnapshot storage = down.server("storage").orElseThrow();
            assertThat(storage.health()).isEqualTo(Health.DOWN);
            assertThat(storage.stale()).as("last values kept, flagged stale").isTrue();
            assertThat(storage.node().cpuBusyPercent()).isNotNull();
            assertThat(down.server("ai").orElseThrow().health()).isEqualTo(Health.UP);
            assertThat(down.server("app").orElseThrow().health())
                    .as("app shares node_exporter 0 with ai, which still runs")
                    .isEqualTo(Health.UP);

            // Prometheus fires the alert; the very next cycle puts it on the server
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            stack.api("/api/v1/alerts", Map.of()).toString().contains("\"firing\""));
            // a cycle whose alerts request timed out keeps the server's last (no) alerts: take the
            // first cycle that read them
            ServerSnapshot withAlert = await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> collector.collectNow().server("storage").orElseThrow(),
                            s -> !s.alerts().isEmpty());
            // firing first; the product's own TargetDown (for: 1m) is pending beside it
            assertThat(withAlert.alerts().get(0))
                    .extracting(ServerAlert::name, ServerAlert::state, ServerAlert::severity)
                    .containsExactly("FastTargetDown", "firing", "critical");
            assertThat(withAlert.alerts())
                    .extracting(ServerAlert::name, ServerAlert::state)
                    .contains(org.assertj.core.groups.Tuple.tuple("TargetDown", "pending"));
            assertThat(withAlert.alerts().get(0).summary()).isEqualTo("node exporter of storage is down");
            assertThat(withAlert.alerts().get(0).since())
                    .isAfter(Instant.ofEpochMilli(System.currentTimeMillis() - 60_000));
            assertThat(collector.collectNow().server("ai").orElseThrow().alerts())
                    .extracting(ServerAlert::name)
                    .doesNotContain("FastTargetDown", "TargetDown");
        } finally {
            stack.startNodeExporter(1);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(
                        collector::collectNow,
                        s -> s.server("storage").orElseThrow().up());
        await().atMost(Duration.ofSeconds(10))
                .until(
                        collector::collectNow,
                        s -> s.server("storage").orElseThrow().alerts().stream()
                                .noneMatch(alert -> alert.name().endsWith("TargetDown")));
    }

    @Test
    @Order(4)
    void aPrometheusRestartIsSurvivedWithoutOverlappingCycles() {
        awaitCompleteSnapshot();
        // every snapshot, so the outage can be compared with the one just before it
        List<FleetSnapshot> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        FleetSnapshotPublisher.Subscription recording = publisher.subscribe(published::add);
        published.add(publisher.current());
        collector.start();
        boolean prometheusStopped = false;
        try {
            stack.stopPrometheus();
            prometheusStopped = true;
            FleetSnapshot outage = await().atMost(Duration.ofSeconds(5))
                    .until(publisher::current, s -> !s.prometheus().reachable());
            assertThat(outage.prometheus().error())
                    .contains(stack.prometheusUrl().toString());
            assertThat(outage.servers()).hasSize(3).allMatch(ServerSnapshot::stale);
            FleetSnapshot lastGood = await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> published.stream()
                                    .filter(s -> s.sequence() == outage.sequence() - 1)
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(outage.server("ai").orElseThrow().node().cpuBusyPercent())
                    .as("the last known value stays, with its old sample time")
                    .isEqualTo(lastGood.server("ai").orElseThrow().node().cpuBusyPercent());

            stack.startPrometheus();
            prometheusStopped = false;
            FleetSnapshot recovered = await().atMost(Duration.ofSeconds(15))
                    .until(
                            publisher::current,
                            s -> s.prometheus().reachable()
                                    && s.servers().stream().allMatch(server -> server.up() && !server.stale()));
            assertThat(recovered.server("ai").orElseThrow().node().memoryUsedPercent())
                    .isNotNull();
            assertThat(recovered.sequence()).isGreaterThan(outage.sequence());
        } finally {
            collector.stop();
            recording.close();
            if (prometheusStopped) {
                stack.startPrometheus(); // a failed assertion must not leave the next tests without Prometheus
            }
        }
    }

    @Test
    @Order(5)
    void historyAndLiveChartsComeFromTheSamePromqlIncludingGpuPanels() throws Exception {
        awaitCompleteSnapshot();
        java.time.Instant now = java.time.Instant.now();
        Map<Chart, ChartData> charts = history.load("ai", TimeWindow.fixed(now.minusSeconds(120), now))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(charts).as("every chart for a server with a GPU exporter").hasSize(Chart.values().length);
        charts.values().forEach(data -> {
            assertThat(data.error()).as(data.chart().name()).isNull();
            if (!data.chart().optional()) {
                assertThat(data.series()).as(data.chart().name()).isNotEmpty();
            }
        });
        assertThat(charts.get(Chart.CPU).series()).extracting(Series::name).contains("user", "system");
        assertThat(charts.get(Chart.LOAD).series())
                .extracting(Series::name)
                .containsExactlyInAnyOrder("1m", "5m", "15m");
        assertThat(charts.get(Chart.MEMORY).series())
                .extracting(Series::name)
                .containsExactlyInAnyOrder("used", "cache+buffers", "available");
        assertThat(charts.get(Chart.DISK_USAGE).series())
                .extracting(Series::name)
                .contains("/");
        Series temperature = charts.get(Chart.GPU_TEMPERATURE).series().get(0);
        assertThat(temperature.name()).isEqualTo("NVIDIA RTX A6000 · 0a1b2c3d");
        assertThat(temperature.points())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.value()).isEqualTo(61.0));
        assertThat(history.load("app", TimeWindow.fixed(now.minusSeconds(120), now))
                        .get(20, java.util.concurrent.TimeUnit.SECONDS))
                .as("no GPU exporter, no GPU charts")
                .doesNotContainKeys(Chart.GPU_TEMPERATURE, Chart.GPU_POWER);

        // live: while someone watches ai, the cycle's one request also answers every chart for it
        long before = stack.apiRequestCount();
        FleetSnapshot live;
        try (FleetSnapshotPublisher.Subscription watching = watch.watch("ai")) {
            live = collector.collectNow();
        }
        assertThat(stack.apiRequestCount() - before)
                .as("still the fleet query and the alerts read")
                .isEqualTo(2);
        assertThat(live.details()).containsOnlyKeys("ai");
        ServerDetail detail = live.details().get("ai");
        assertThat(detail.sampledAt()).isEqualTo(live.collectedAt());
        for (Chart chart : Chart.values()) {
            if (!chart.optional()) { // temperatures and pressure only where the kernel exports them
                assertThat(LiveCharts.values(detail, chart)).as(chart.name()).isNotEmpty();
            }
        }
        assertThat(LiveCharts.values(detail, Chart.GPU_TEMPERATURE)).containsEntry("NVIDIA RTX A6000 · 0a1b2c3d", 61.0);
        assertThat(LiveCharts.values(detail, Chart.LOAD).keySet())
                .as("live series carry the names the history drew")
                .containsExactlyInAnyOrder("1m", "5m", "15m");
        assertThat(LiveCharts.values(detail, Chart.NETWORK).keySet())
                .as("folded like the loaded network chart")
                .isSubsetOf(charts.get(Chart.NETWORK).series().stream()
                        .map(Series::name)
                        .toList());
        assertThat(collector.collectNow().details())
                .as("nobody watches any more")
                .isEmpty();
    }
}
