package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.base.Reading;
import dev.infradash.prometheus.Sample;
import dev.infradash.targets.Exporter;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.MonitoredServer;
import dev.infradash.targets.TargetList;
import dev.infradash.targets.TargetsState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {

    private static final String URL = "http://127.0.0.1:9090";
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);

    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final FleetSnapshot empty = FleetSnapshot.initial(URL, "targets.json");

    private static MonitoredServer server(String id, ExporterKind... kinds) {
        List<Exporter> exporters = new ArrayList<>();
        for (ExporterKind kind : kinds) {
            exporters.add(new Exporter(kind, "127.0.0.1:1", "http", "/metrics"));
        }
        return new MonitoredServer(id, id.toUpperCase(), "role-" + id, exporters, Map.of());
    }

    private static TargetsState targets(MonitoredServer... servers) {
        return new TargetsState(new TargetList(List.of(servers)), Path.of("targets.json"), null);
    }

    /** Builds answers the way the combined query returns them. */
    private static final class Answers {
        final Map<FleetQuery, List<Sample>> map = new EnumMap<>(FleetQuery.class);

        Answers() {
            for (FleetQuery query : FleetQuery.values()) {
                map.put(query, new ArrayList<>());
            }
        }

        Answers add(FleetQuery query, double value, Instant at, String... labels) {
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                map.put(labels[i], labels[i + 1]);
            }
            this.map.get(query).add(new Sample(map, at, value));
            return this;
        }

        Answers up(String server, String job, double up, Instant scraped) {
            add(FleetQuery.UP, up, scraped, "server", server, "job", job);
            return add(FleetQuery.SCRAPE_TIME, scraped.toEpochMilli() / 1000.0, scraped, "server", server, "job", job);
        }

        Answers without(FleetQuery query) {
            map.remove(query);
            return this;
        }
    }

    @Test
    void anUpServerGetsItsValuesWithTheScrapeTimeAsSampleTime() {
        Instant scraped = T0.minusMillis(1500);
        Answers a = new Answers()
                .up("ai", "node", 1, scraped)
                .add(FleetQuery.CPU_BUSY, 42.5, T0, "server", "ai")
                .add(FleetQuery.MEMORY_TOTAL, 1024, T0, "server", "ai")
                .add(FleetQuery.ROOT_FS_USED, Double.NaN, T0, "server", "ai");

        FleetSnapshot snapshot = assembler.assemble(
                1, T0, targets(server("ai", ExporterKind.NODE)), a.map, Map.of(), List.of(), empty, URL);

        ServerSnapshot ai = snapshot.server("ai").orElseThrow();
        assertThat(ai.health()).isEqualTo(Health.UP);
        assertThat(ai.up()).isTrue();
        assertThat(ai.displayName()).isEqualTo("AI");
        assertThat(ai.node().cpuBusyPercent()).isEqualTo(new Reading(42.5, scraped));
        assertThat(ai.node().memoryTotalBytes().value()).isEqualTo(1024);
        assertThat(ai.node().rootFilesystemUsedPercent()).as("NaN is no value").isNull();
        assertThat(ai.node().load1()).as("not exported").isNull();
        assertThat(ai.stale()).isFalse();
        assertThat(ai.gpuExporterConfigured()).isFalse();
        assertThat(snapshot.prometheus().reachable()).isTrue();
        assertThat(snapshot.prometheus().lastSuccess()).isEqualTo(T0);
    }

    /** Issue 12: a hand-edited 19.5 MB name went out in every /api/servers answer and every card. */
    @Test
    void filesystemsComeByMountpointWithAForecastOnlyForThoseFillingUpAndStayWhileDown() {
        Answers a = new Answers()
                .up("db", "node", 1, T0)
                .add(FleetQuery.FS_USED, 91.5, T0, "server", "db", "mountpoint", "/data")
                .add(FleetQuery.FS_SIZE, 2e12, T0, "server", "db", "mountpoint", "/data")
                .add(FleetQuery.FS_FULL_IN, 777_600, T0, "server", "db", "mountpoint", "/data")
                .add(FleetQuery.FS_USED, 23.0, T0, "server", "db", "mountpoint", "/")
                .add(FleetQuery.FS_SIZE, 5e10, T0, "server", "db", "mountpoint", "/")
                .add(FleetQuery.FS_USED, 50.0, T0, "server", "other", "mountpoint", "/");

        FleetSnapshot first = assembler.assemble(
                1, T0, targets(server("db", ExporterKind.NODE)), a.map, Map.of(), List.of(), empty, URL);

        assertThat(first.server("db").orElseThrow().filesystems())
                .containsExactly(
                        new FilesystemUsage("/", 23.0, 5e10, null),
                        new FilesystemUsage("/data", 91.5, 2e12, 777_600.0));
        FleetSnapshot down = assembler.assemble(
                2,
                T1,
                targets(server("db", ExporterKind.NODE)),
                new Answers().up("db", "node", 0, T1).map,
                Map.of(),
                List.of(),
                first,
                URL);
        assertThat(down.server("db").orElseThrow().filesystems())
                .isEqualTo(first.server("db").orElseThrow().filesystems());
    }

    @Test
    void aHugeDisplayNameIsCutWithAnEllipsisInTheSnapshot() {
        MonitoredServer huge = new MonitoredServer("big", "x".repeat(1_000_000), "", List.of(), Map.of());
        Answers a = new Answers().up("big", "node", 1, T0);

        FleetSnapshot snapshot = assembler.assemble(1, T0, targets(huge), a.map, Map.of(), List.of(), empty, URL);
        FleetSnapshot outage = assembler.outage(2, T1, targets(huge), snapshot, URL, "down");
        FleetSnapshot firstOutage = assembler.outage(1, T0, targets(huge), empty, URL, "down");

        for (FleetSnapshot each : List.of(snapshot, outage, firstOutage)) {
            String shown = each.server("big").orElseThrow().displayName();
            assertThat(shown).hasSize(200).endsWith("…").startsWith("xxxxxxxxxx");
        }
    }

    /** Issue 12: an RTL override (U+202E) in a name made it read backwards on the card. */
    @Test
    void bidiControlCharactersAreDroppedFromDisplayNames() {
        MonitoredServer tricky =
                new MonitoredServer("rtl", "good\u202Edab\u202C \u2066x\u2069\u200E\u200F", "", List.of(), Map.of());
        Answers a = new Answers().up("rtl", "node", 1, T0);

        FleetSnapshot snapshot = assembler.assemble(1, T0, targets(tricky), a.map, Map.of(), List.of(), empty, URL);
        FleetSnapshot outage = assembler.outage(2, T1, targets(tricky), snapshot, URL, "down");

        assertThat(snapshot.server("rtl").orElseThrow().displayName()).isEqualTo("gooddab x");
        assertThat(outage.server("rtl").orElseThrow().displayName()).isEqualTo("gooddab x");
    }

    @Test
    void aConfiguredServerWithoutUpSeriesIsUnknownAndServersOnlyPrometheusKnowsFollow() {
        Answers a = new Answers().up("zz-extra", "node", 1, T0).up("aa-extra", "other", 0, T0);
        a.map.get(FleetQuery.UP).set(0, new Sample(Map.of("server", "zz-extra", "job", "node", "role", "db"), T0, 1));

        FleetSnapshot snapshot = assembler.assemble(
                1, T0, targets(server("new", ExporterKind.NODE)), a.map, Map.of(), List.of(), empty, URL);

        assertThat(snapshot.servers()).extracting(ServerSnapshot::id).containsExactly("new", "aa-extra", "zz-extra");
        assertThat(snapshot.servers())
                .extracting(ServerSnapshot::health)
                .containsExactly(Health.UNKNOWN, Health.DOWN, Health.UP);
        assertThat(snapshot.server("zz-extra").orElseThrow().role()).isEqualTo("db");
        assertThat(snapshot.server("zz-extra").orElseThrow().configured()).isFalse();
    }

    /**
     * Issue 15: after the targets file was emptied the cards took ~40 s to clear: Prometheus keeps
     * reporting a removed target's up until discovery catches up and its staleness markers land.
     */
    @Test
    void aServerTakenOutOfTheFileGoesInOneCycleAndStaysGoneWhilePrometheusStillReportsIt() {
        Answers a = new Answers().up("web", "node", 1, T0).up("extra", "other", 1, T0);
        FleetSnapshot listed = assembler.assemble(
                1, T0, targets(server("web", ExporterKind.NODE)), a.map, Map.of(), List.of(), empty, URL);
        assertThat(listed.servers()).extracting(ServerSnapshot::id).containsExactly("web", "extra");

        FleetSnapshot emptied = assembler.assemble(2, T1, targets(), a.map, Map.of(), List.of(), listed, URL);
        assertThat(emptied.servers())
                .as("web left the file; extra never was in it")
                .extracting(ServerSnapshot::id)
                .containsExactly("extra");

        FleetSnapshot next =
                assembler.assemble(3, T1.plusSeconds(5), targets(), a.map, Map.of(), List.of(), emptied, URL);
        assertThat(next.servers()).extracting(ServerSnapshot::id).containsExactly("extra");

        // once Prometheus forgets it, a server of that id only Prometheus knows may show again
        Answers gone = new Answers().up("extra", "other", 1, T0);
        assembler.assemble(4, T1.plusSeconds(10), targets(), gone.map, Map.of(), List.of(), next, URL);
        FleetSnapshot back =
                assembler.assemble(5, T1.plusSeconds(15), targets(), a.map, Map.of(), List.of(), next, URL);
        assertThat(back.servers()).extracting(ServerSnapshot::id).containsExactly("extra", "web");
    }

    @Test
    void aDownServerKeepsItsLastValuesFlaggedStale() {
        Answers before = new Answers().up("ai", "node", 1, T0).add(FleetQuery.CPU_BUSY, 10, T0, "server", "ai");
        FleetSnapshot first = assembler.assemble(
                1, T0, targets(server("ai", ExporterKind.NODE)), before.map, Map.of(), List.of(), empty, URL);
        // rate() series linger after the exporter died: they must not count as fresh values
        Answers after = new Answers().up("ai", "node", 0, T1).add(FleetQuery.CPU_BUSY, 99, T1, "server", "ai");

        ServerSnapshot ai = assembler
                .assemble(2, T1, targets(server("ai", ExporterKind.NODE)), after.map, Map.of(), List.of(), first, URL)
                .server("ai")
                .orElseThrow();

        assertThat(ai.health()).isEqualTo(Health.DOWN);
        assertThat(ai.stale()).isTrue();
        assertThat(ai.node().cpuBusyPercent()).isEqualTo(new Reading(10, T0));
    }

    @Test
    void nodeExporterDecidesHealthEvenWhenTheGpuExporterAnswers() {
        Answers a = new Answers().up("ai", "node", 0, T0).up("ai", "gpu", 1, T0);
        ServerSnapshot ai = assembler
                .assemble(
                        1,
                        T0,
                        targets(server("ai", ExporterKind.NODE, ExporterKind.GPU)),
                        a.map,
                        Map.of(),
                        List.of(),
                        empty,
                        URL)
                .server("ai")
                .orElseThrow();
        assertThat(ai.health()).isEqualTo(Health.DOWN);
        assertThat(ai.exporterUp("gpu")).isTrue();
        assertThat(ai.exporterUp("node")).isFalse();
        assertThat(ai.gpuExporterConfigured()).isTrue();
    }

    @Test
    void aFailedQueryMarksOnlyItsOwnValuesUnavailable() {
        Answers a = new Answers()
                .up("ai", "node", 1, T0)
                .add(FleetQuery.CPU_BUSY, 5, T0, "server", "ai")
                .without(FleetQuery.MEMORY_USED);

        FleetSnapshot snapshot = assembler.assemble(
                1,
                T0,
                targets(server("ai", ExporterKind.NODE)),
                a.map,
                Map.of("memory_used", "many-to-many matching not allowed"),
                List.of(),
                empty,
                URL);

        assertThat(snapshot.failedQueries()).containsEntry("memory_used", "many-to-many matching not allowed");
        assertThat(snapshot.server("ai").orElseThrow().node().memoryUsedPercent())
                .isNull();
        assertThat(snapshot.server("ai").orElseThrow().node().cpuBusyPercent().value())
                .isEqualTo(5);
        assertThat(snapshot.server("ai").orElseThrow().health()).isEqualTo(Health.UP);
    }

    @Test
    void gpusAreKeyedByUuidAndKeptStaleWhileTheirExporterIsDown() {
        Instant gpuScrape = T0.minusSeconds(2);
        Answers a = new Answers()
                .up("ai", "node", 1, T0)
                .up("ai", "gpu", 1, gpuScrape)
                .add(FleetQuery.GPU_INFO, 1, T0, "server", "ai", "uuid", "b", "model", "NVIDIA B")
                .add(FleetQuery.GPU_INFO, 1, T0, "server", "ai", "uuid", "a", "model", "NVIDIA A")
                .add(FleetQuery.GPU_UTILIZATION, 30, T0, "server", "ai", "uuid", "a")
                .add(FleetQuery.GPU_UTILIZATION, 60, T0, "server", "ai", "uuid", "b")
                .add(FleetQuery.GPU_TEMPERATURE, 71, T0, "server", "ai", "uuid", "b")
                .add(FleetQuery.GPU_POWER, 250, T0, "server", "other", "uuid", "c");
        TargetsState targets = targets(server("ai", ExporterKind.NODE, ExporterKind.GPU));

        FleetSnapshot first = assembler.assemble(1, T0, targets, a.map, Map.of(), List.of(), empty, URL);
        List<GpuMetrics> gpus = first.server("ai").orElseThrow().gpus();
        assertThat(gpus).extracting(GpuMetrics::uuid).containsExactly("a", "b");
        assertThat(gpus.get(1))
                .isEqualTo(new GpuMetrics(
                        "b", "NVIDIA B", new Reading(60, gpuScrape), null, new Reading(71, gpuScrape), null));

        Answers down = new Answers().up("ai", "node", 1, T1).up("ai", "gpu", 0, T1);
        ServerSnapshot later = assembler
                .assemble(2, T1, targets, down.map, Map.of(), List.of(), first, URL)
                .server("ai")
                .orElseThrow();
        assertThat(later.gpus()).isEqualTo(gpus);
        assertThat(later.stale()).isTrue();
        assertThat(later.health()).isEqualTo(Health.UP);
    }

    @Test
    void anOutageKeepsEveryLastValueStaleAndFollowsTheTargetsFile() {
        Answers a = new Answers()
                .up("ai", "node", 1, T0)
                .up("old", "node", 1, T0)
                .add(FleetQuery.CPU_BUSY, 12, T0, "server", "ai");
        FleetSnapshot first = assembler.assemble(
                1,
                T0,
                targets(server("ai", ExporterKind.NODE), server("old", ExporterKind.NODE)),
                a.map,
                Map.of(),
                List.of(),
                empty,
                URL);

        FleetSnapshot outage = assembler.outage(
                2,
                T1,
                targets(server("ai", ExporterKind.NODE), server("new", ExporterKind.NODE)),
                first,
                URL,
                "Prometheus at " + URL + " is unreachable: Connection refused");

        assertThat(outage.prometheus().reachable()).isFalse();
        assertThat(outage.prometheus().error()).contains("Connection refused");
        assertThat(outage.prometheus().lastSuccess()).isEqualTo(T0);
        assertThat(outage.collectedAt()).isEqualTo(T1);
        assertThat(outage.servers()).extracting(ServerSnapshot::id).containsExactly("ai", "new");
        ServerSnapshot ai = outage.server("ai").orElseThrow();
        assertThat(ai.stale()).isTrue();
        assertThat(ai.health()).isEqualTo(Health.UP);
        assertThat(ai.node().cpuBusyPercent()).isEqualTo(new Reading(12, T0));
        assertThat(outage.server("new").orElseThrow().health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void alertsGoToTheServerTheyNameFiringAndWorstFirstAndSurviveAFailedAlertsRequest() {
        Answers a = new Answers().up("ai", "node", 1, T0).up("app", "node", 1, T0);
        List<dev.infradash.prometheus.Alert> alerts = List.of(
                alert("HighMemoryUsage", "ai", "warning", "firing", T0.minusSeconds(60)),
                alert("TargetDown", "ai", "critical", "pending", T0.minusSeconds(5)),
                alert("RootFilesystemAlmostFull", "ai", "critical", "firing", T0.minusSeconds(30)),
                alert("FleetWide", null, "critical", "firing", T0));
        TargetsState targets = targets(server("ai", ExporterKind.NODE), server("app", ExporterKind.NODE));

        FleetSnapshot first = assembler.assemble(1, T0, targets, a.map, Map.of(), alerts, empty, URL);

        ServerSnapshot ai = first.server("ai").orElseThrow();
        assertThat(ai.alerts())
                .extracting(ServerAlert::name)
                .containsExactly("RootFilesystemAlmostFull", "HighMemoryUsage", "TargetDown");
        assertThat(ai.alerts().get(0).summary()).isEqualTo("RootFilesystemAlmostFull on ai");
        assertThat(ai.worstFiringAlert()).map(ServerAlert::name).contains("RootFilesystemAlmostFull");
        assertThat(first.server("app").orElseThrow().alerts()).isEmpty();

        FleetSnapshot alertsFailed = assembler.assemble(
                2, T1, targets, a.map, Map.of("alerts", "Prometheus ... answered HTTP 503"), null, first, URL);
        assertThat(alertsFailed.server("ai").orElseThrow().alerts()).isEqualTo(ai.alerts());
        assertThat(alertsFailed.failedQueries()).containsKey("alerts");

        FleetSnapshot resolved = assembler.assemble(3, T1, targets, a.map, Map.of(), List.of(), alertsFailed, URL);
        assertThat(resolved.server("ai").orElseThrow().alerts()).isEmpty();
    }

    private static dev.infradash.prometheus.Alert alert(
            String name, String server, String severity, String state, Instant since) {
        Map<String, String> labels = new HashMap<>(Map.of("alertname", name, "severity", severity));
        if (server != null) {
            labels.put("server", server);
        }
        return new dev.infradash.prometheus.Alert(labels, Map.of("summary", name + " on " + server), state, since, 1);
    }
}
