package dev.infradash.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One server in a {@link FleetSnapshot}.
 *
 * @param configured whether the targets file lists it (otherwise Prometheus reports it from
 *                   another scrape config)
 * @param gpuExporterConfigured whether a GPU exporter is expected; its GPUs may still be missing
 *                   when that exporter is down
 * @param alerts     its pending and firing alerts, firing and most severe first
 * @param stale      the values are the last known ones, not current: Prometheus is unreachable
 *                   or the exporter is down; each reading's sample time tells its age
 * @param services   its service checks (HTTP, TCP, ping, DNS through blackbox_exporter), in the
 *                   targets file's order
 * @param filesystems every real mounted filesystem, with its disk-full forecast, by mountpoint
 */
public record ServerSnapshot(
        String id,
        String displayName,
        String role,
        Health health,
        boolean configured,
        List<ExporterHealth> exporters,
        NodeMetrics node,
        boolean gpuExporterConfigured,
        List<GpuMetrics> gpus,
        List<ServerAlert> alerts,
        boolean stale,
        List<ServiceState> services,
        List<FilesystemUsage> filesystems) {

    public ServerSnapshot {
        filesystems = List.copyOf(filesystems);
        exporters = List.copyOf(exporters);
        gpus = List.copyOf(gpus);
        alerts = List.copyOf(alerts);
        services = List.copyOf(services);
    }

    /** A server without service checks or filesystems. */
    public ServerSnapshot(
            String id,
            String displayName,
            String role,
            Health health,
            boolean configured,
            List<ExporterHealth> exporters,
            NodeMetrics node,
            boolean gpuExporterConfigured,
            List<GpuMetrics> gpus,
            List<ServerAlert> alerts,
            boolean stale) {
        this(
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
                List.of(),
                List.of());
    }

    /** The worst firing alert, if any fires. */
    public java.util.Optional<ServerAlert> worstFiringAlert() {
        return alerts.stream()
                .filter(ServerAlert::firing)
                .max(java.util.Comparator.comparingInt(ServerAlert::severityRank));
    }

    @JsonProperty("up")
    public boolean up() {
        return health == Health.UP;
    }

    /** Whether the exporter of that job is scraped successfully; null when Prometheus has no such job for it. */
    public @Nullable Boolean exporterUp(String job) {
        return exporters.stream()
                .filter(e -> e.job().equals(job))
                .map(ExporterHealth::up)
                .findFirst()
                .orElse(null);
    }
}
