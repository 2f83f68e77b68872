package dev.infradash.fleet;

import dev.infradash.base.DisplayNames;
import dev.infradash.prometheus.Alert;
import dev.infradash.prometheus.Sample;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.MonitoredServer;
import dev.infradash.targets.TargetsState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the answers of one cycle into a {@link FleetSnapshot}. Pure: no I/O, no clock, so every
 * rule about up, down, stale and missing values is unit-testable.
 *
 * <p>The server list comes from the targets file first (a server whose exporter is down must show
 * DOWN, not vanish) and then from any {@code up} series with a server label. Values are attached
 * to it; a down exporter's gauges vanish from Prometheus at once, so its server keeps its last
 * known values, flagged stale, with their original sample times.
 */
final class SnapshotAssembler {

    private static final String NODE_JOB = ExporterKind.NODE.label();
    private static final String GPU_JOB = ExporterKind.GPU.label();

    /**
     * Servers taken out of the targets file that Prometheus still reports. It keeps scraping a
     * removed target until discovery catches up and writes staleness markers only about two scrape
     * intervals later, so their {@code up} lingered ~40 s and so did their cards (issue 15). The
     * file is the truth for what it listed: such a server goes at once, and stays gone while
     * Prometheus still reports it. The only state here; the collector calls from one thread.
     */
    private final java.util.Set<String> leftTheFile = new java.util.HashSet<>();

    /**
     * @param failures what could not be answered, by query key (or "alerts"), with the reason
     * @param alerts   Prometheus' pending and firing alerts, or null when they could not be read
     *                 (each server then keeps the alerts it had)
     */
    FleetSnapshot assemble(
            long sequence,
            Instant at,
            TargetsState targets,
            Map<FleetQuery, List<Sample>> answers,
            Map<String, String> failures,
            @Nullable List<Alert> alerts,
            FleetSnapshot previous,
            String prometheusUrl) {
        return assemble(sequence, at, targets, answers, failures, alerts, AlertSilencing.NONE, previous, prometheusUrl);
    }

    /** @param silencing which of the alerts Alertmanager silences */
    FleetSnapshot assemble(
            long sequence,
            Instant at,
            TargetsState targets,
            Map<FleetQuery, List<Sample>> answers,
            Map<String, String> failures,
            @Nullable List<Alert> alerts,
            AlertSilencing silencing,
            FleetSnapshot previous,
            String prometheusUrl) {
        CycleAnswers a = new CycleAnswers(answers);
        Map<String, ServerSnapshot> before = byId(previous);
        Map<String, List<ServerAlert>> alertsByServer = alerts == null ? null : alertsByServer(alerts, silencing);
        List<ServerSnapshot> servers = new ArrayList<>();
        java.util.Set<String> stillReported = new java.util.HashSet<>();
        for (String id : serverIds(targets, a.serversWithUp())) {
            Optional<MonitoredServer> configured = targets.targets().server(id);
            ServerSnapshot last = before.get(id);
            if (configured.isEmpty() && (leftTheFile.contains(id) || (last != null && last.configured()))) {
                stillReported.add(id);
                continue;
            }
            List<ServerAlert> serverAlerts = alertsByServer != null
                    ? alertsByServer.getOrDefault(id, List.of())
                    : last == null ? List.of() : last.alerts();
            servers.add(server(id, configured.orElse(null), a, at, last, serverAlerts));
        }
        leftTheFile.clear();
        leftTheFile.addAll(stillReported);
        return new FleetSnapshot(
                sequence,
                at,
                new PrometheusStatus(prometheusUrl, true, null, at),
                servers,
                new LinkedHashMap<>(failures),
                targets.file().toString(),
                targets.error(),
                Map.of(),
                silencing.activeSilences());
    }

    /** Alerts that name a server, per server: firing first, then the most severe, then the oldest. */
    private static Map<String, List<ServerAlert>> alertsByServer(List<Alert> alerts, AlertSilencing silencing) {
        Map<String, List<ServerAlert>> byServer = new HashMap<>();
        for (Alert alert : alerts) {
            String server = alert.labels().get("server");
            if (server != null) {
                AlertSilencing.Status silenced = silencing.of(alert);
                byServer.computeIfAbsent(server, k -> new ArrayList<>())
                        .add(new ServerAlert(
                                alert.name(),
                                alert.labels().getOrDefault("severity", ""),
                                alert.state(),
                                alert.activeAt(),
                                alert.annotations().getOrDefault("summary", alert.name()),
                                silenced.silencedBy(),
                                silenced.until()));
            }
        }
        Comparator<ServerAlert> order = Comparator.comparing(ServerAlert::firing)
                .reversed()
                .thenComparing(
                        Comparator.comparingInt(ServerAlert::severityRank).reversed())
                .thenComparing(ServerAlert::since, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ServerAlert::name);
        byServer.values().forEach(list -> list.sort(order));
        return byServer;
    }

    /** Prometheus could not be asked at all: keep every last known value, flagged stale. */
    FleetSnapshot outage(
            long sequence,
            Instant at,
            TargetsState targets,
            FleetSnapshot previous,
            String prometheusUrl,
            @Nullable String error) {
        Map<String, ServerSnapshot> before = byId(previous);
        List<ServerSnapshot> servers = new ArrayList<>();
        for (String id : serverIds(targets, before.keySet())) {
            ServerSnapshot last = before.get(id);
            MonitoredServer configured = targets.targets().server(id).orElse(null);
            if (last == null) {
                servers.add(new ServerSnapshot(
                        id,
                        displayName(id, configured),
                        role(configured),
                        Health.UNKNOWN,
                        true,
                        List.of(),
                        NodeMetrics.NONE,
                        configured != null && configured.hasExporter(ExporterKind.GPU),
                        List.of(),
                        List.of(),
                        true,
                        List.of(),
                        List.of()));
            } else if (configured != null || !last.configured()) {
                servers.add(new ServerSnapshot(
                        id,
                        configured == null ? last.displayName() : DisplayNames.shown(configured.displayName()),
                        configured == null ? last.role() : role(configured),
                        last.health(),
                        configured != null,
                        last.exporters(),
                        last.node(),
                        last.gpuExporterConfigured(),
                        last.gpus(),
                        last.alerts(),
                        true,
                        last.services(),
                        last.filesystems()));
            }
        }
        Instant lastSuccess = previous.prometheus().lastSuccess();
        return new FleetSnapshot(
                sequence,
                at,
                new PrometheusStatus(prometheusUrl, false, error, lastSuccess),
                servers,
                Map.of(),
                targets.file().toString(),
                targets.error(),
                Map.of());
    }

    private static ServerSnapshot server(
            String id,
            @Nullable MonitoredServer configured,
            CycleAnswers a,
            Instant at,
            @Nullable ServerSnapshot last,
            List<ServerAlert> alerts) {
        List<ExporterHealth> exporters = a.exporters(id);
        Health health = health(configured, exporters, a.failed(FleetQuery.UP));
        List<ServiceState> services = ServiceStates.of(configured, a);
        if (configured != null && configured.exporters().isEmpty() && !services.isEmpty()) {
            health = ServiceStates.health(services); // a router or NAS: its checks are all there is
        }
        boolean gpuConfigured = (configured != null && configured.hasExporter(ExporterKind.GPU))
                || exporters.stream().anyMatch(e -> e.job().equals(GPU_JOB));

        NodeMetrics node;
        List<FilesystemUsage> filesystems;
        boolean stale = false;
        if (health == Health.DOWN && !exporters.isEmpty()) {
            node = last == null ? NodeMetrics.NONE : last.node();
            filesystems = last == null ? List.of() : last.filesystems();
            stale = last != null;
        } else {
            filesystems = a.filesystems(id);
            Instant sampled = a.scrapeTime(id, NODE_JOB).orElse(at);
            node = new NodeMetrics(
                    a.reading(FleetQuery.CPU_BUSY, id, sampled),
                    a.reading(FleetQuery.LOAD1, id, sampled),
                    a.reading(FleetQuery.MEMORY_USED, id, sampled),
                    a.reading(FleetQuery.MEMORY_TOTAL, id, sampled),
                    a.reading(FleetQuery.ROOT_FS_USED, id, sampled),
                    a.reading(FleetQuery.DISK_READ, id, sampled),
                    a.reading(FleetQuery.DISK_WRITE, id, sampled),
                    a.reading(FleetQuery.NETWORK_RECEIVE, id, sampled),
                    a.reading(FleetQuery.NETWORK_TRANSMIT, id, sampled),
                    a.reading(FleetQuery.UPTIME, id, sampled),
                    a.reading(FleetQuery.CORES, id, sampled));
        }

        List<GpuMetrics> gpus;
        boolean gpuDown = exporters.stream().anyMatch(e -> e.job().equals(GPU_JOB) && !e.up());
        if (gpuDown && last != null && !last.gpus().isEmpty()) {
            gpus = last.gpus();
            stale = true;
        } else {
            gpus = a.gpus(id, a.scrapeTime(id, GPU_JOB).orElse(at));
        }
        return new ServerSnapshot(
                id,
                displayName(id, configured),
                configured == null ? a.role(id) : role(configured),
                health,
                configured != null,
                exporters,
                node,
                gpuConfigured,
                gpus,
                alerts,
                stale,
                services,
                filesystems);
    }

    /**
     * node_exporter decides when the server has one: a GPU exporter alone answering does not make
     * a server with a dead node_exporter look healthy. Otherwise any job that is up will do.
     */
    private static Health health(
            @Nullable MonitoredServer configured, List<ExporterHealth> exporters, boolean upFailed) {
        if (upFailed) {
            return Health.UNKNOWN;
        }
        boolean nodeExpected = configured == null
                ? exporters.stream().anyMatch(e -> e.job().equals(NODE_JOB))
                : configured.hasExporter(ExporterKind.NODE);
        List<ExporterHealth> deciding = nodeExpected
                ? exporters.stream().filter(e -> e.job().equals(NODE_JOB)).toList()
                : exporters;
        if (deciding.isEmpty()) {
            return Health.UNKNOWN;
        }
        return deciding.stream().anyMatch(ExporterHealth::up) ? Health.UP : Health.DOWN;
    }

    private static List<String> serverIds(TargetsState targets, Iterable<String> others) {
        List<String> ids = new ArrayList<>();
        targets.targets().servers().forEach(server -> ids.add(server.id()));
        TreeSet<String> extra = new TreeSet<>();
        others.forEach(extra::add);
        ids.forEach(extra::remove);
        ids.addAll(extra);
        return ids;
    }

    private static Map<String, ServerSnapshot> byId(FleetSnapshot snapshot) {
        Map<String, ServerSnapshot> map = new LinkedHashMap<>();
        snapshot.servers().forEach(server -> map.put(server.id(), server));
        return map;
    }

    private static String displayName(String id, @Nullable MonitoredServer configured) {
        return DisplayNames.shown(configured == null ? id : configured.displayName());
    }

    private static String role(@Nullable MonitoredServer configured) {
        return configured == null ? "" : configured.role();
    }
}
