package dev.infradash.fleet;

import dev.infradash.prometheus.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hand-made snapshots for tests, and a way to publish them from outside this package
 * ({@link FleetSnapshotPublisher#publish} is package-private because in the application only the
 * collector publishes).
 *
 * <p>The builders are the only test code that calls the canonical constructors of
 * {@link FleetSnapshot} and {@link ServerSnapshot}: when a component changes, this is the one
 * place to adapt. Defaults describe a healthy, configured server and a reachable Prometheus.
 */
public final class TestSnapshots {

    /** When the default snapshot was collected. */
    public static final Instant COLLECTED_AT = Instant.parse("2026-11-27T12:00:00Z");

    private TestSnapshots() {}

    /** Publishes as the collector does: becomes {@code current()} and is delivered on the broadcast thread. */
    public static void publish(FleetSnapshotPublisher publisher, FleetSnapshot snapshot) {
        publisher.publish(snapshot);
    }

    /** Sequence 1 at {@link #COLLECTED_AT}, Prometheus reachable, no servers, no failures, no details. */
    public static FleetBuilder fleet() {
        return new FleetBuilder();
    }

    /** Up, configured, role "web", displayed as its id, no exporters, no values, no GPUs, no alerts. */
    public static ServerBuilder server(String id) {
        return new ServerBuilder(id);
    }

    /** A copy of {@code server} to change a few components of. */
    public static ServerBuilder server(ServerSnapshot server) {
        ServerBuilder copy = new ServerBuilder(server.id());
        copy.displayName = server.displayName();
        copy.role = server.role();
        copy.health = server.health();
        copy.configured = server.configured();
        copy.exporters = new ArrayList<>(server.exporters());
        copy.node = server.node();
        copy.gpuExporterConfigured = server.gpuExporterConfigured();
        copy.gpus = server.gpus();
        copy.alerts = server.alerts();
        copy.stale = server.stale();
        copy.filesystems = server.filesystems();
        copy.services = server.services();
        return copy;
    }

    public static final class FleetBuilder {
        private long sequence = 1;
        private Instant collectedAt = COLLECTED_AT;
        private PrometheusStatus prometheus;
        private List<ServerSnapshot> servers = List.of();
        private Map<String, String> failedQueries = Map.of();
        private String targetsFile = "targets.json";
        private String targetsError;
        private Map<String, ServerDetail> details = Map.of();
        private List<Silence> silences = List.of();

        private FleetBuilder() {}

        public FleetBuilder sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

        public FleetBuilder collectedAt(Instant collectedAt) {
            this.collectedAt = collectedAt;
            return this;
        }

        /** Default: reachable at {@code http://prometheus.test:9090}, last success at collection time. */
        public FleetBuilder prometheus(PrometheusStatus prometheus) {
            this.prometheus = prometheus;
            return this;
        }

        public FleetBuilder servers(ServerSnapshot... servers) {
            this.servers = List.of(servers);
            return this;
        }

        public FleetBuilder failedQueries(Map<String, String> failedQueries) {
            this.failedQueries = failedQueries;
            return this;
        }

        public FleetBuilder targetsFile(String targetsFile) {
            this.targetsFile = targetsFile;
            return this;
        }

        public FleetBuilder targetsError(String targetsError) {
            this.targetsError = targetsError;
            return this;
        }

        public FleetBuilder details(Map<String, ServerDetail> details) {
            this.details = details;
            return this;
        }

        /** Alertmanager's active silences as the cycle read them. */
        public FleetBuilder silences(Silence... silences) {
            this.silences = List.of(silences);
            return this;
        }

        public FleetSnapshot build() {
            PrometheusStatus status = prometheus != null
                    ? prometheus
                    : new PrometheusStatus("http://prometheus.test:9090", true, null, collectedAt);
            return new FleetSnapshot(
                    sequence,
                    collectedAt,
                    status,
                    servers,
                    failedQueries,
                    targetsFile,
                    targetsError,
                    details,
                    silences);
        }
    }

    public static final class ServerBuilder {
        private final String id;
        private String displayName;
        private String role = "web";
        private Health health = Health.UP;
        private boolean configured = true;
        private List<ExporterHealth> exporters = new ArrayList<>();
        private NodeMetrics node = NodeMetrics.NONE;
        private boolean gpuExporterConfigured;
        private List<GpuMetrics> gpus = List.of();
        private List<ServerAlert> alerts = List.of();
        private boolean stale;
        private List<FilesystemUsage> filesystems = List.of();
        private List<ServiceState> services = List.of();

        private ServerBuilder(String id) {
            this.id = id;
            this.displayName = id;
        }

        public ServerBuilder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public ServerBuilder role(String role) {
            this.role = role;
            return this;
        }

        public ServerBuilder health(Health health) {
            this.health = health;
            return this;
        }

        public ServerBuilder configured(boolean configured) {
            this.configured = configured;
            return this;
        }

        /** Adds one exporter's health; call once per exporter, in the order the snapshot lists them. */
        public ServerBuilder exporter(String job, boolean up, Instant lastScrape) {
            exporters.add(new ExporterHealth(job, up, lastScrape));
            return this;
        }

        public ServerBuilder node(NodeMetrics node) {
            this.node = node;
            return this;
        }

        /** Also marks the GPU exporter as configured, as the collector does for a server with GPUs. */
        public ServerBuilder gpus(GpuMetrics... gpus) {
            this.gpus = List.of(gpus);
            this.gpuExporterConfigured = true;
            return this;
        }

        public ServerBuilder gpuExporterConfigured(boolean configured) {
            this.gpuExporterConfigured = configured;
            return this;
        }

        public ServerBuilder alerts(List<ServerAlert> alerts) {
            this.alerts = alerts;
            return this;
        }

        public ServerBuilder stale(boolean stale) {
            this.stale = stale;
            return this;
        }

        /** Its service checks; none by default. */
        public ServerBuilder services(ServiceState... services) {
            this.services = List.of(services);
            return this;
        }

        /** Its mounted filesystems; none by default. */
        public ServerBuilder filesystems(FilesystemUsage... filesystems) {
            this.filesystems = List.of(filesystems);
            return this;
        }

        public ServerSnapshot build() {
            return new ServerSnapshot(
                    id,
                    displayName,
                    role,
                    health,
                    configured,
                    exporters,
                    node,
                    gpuExporterConfigured,
                    gpus,
                    alerts,
                    stale,
                    services,
                    filesystems);
        }
    }
}
