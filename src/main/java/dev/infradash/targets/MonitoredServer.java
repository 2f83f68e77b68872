package dev.infradash.targets;

import java.util.List;
import java.util.Map;

/**
 * A server as the targets file declares it: the union of the target groups that carry its
 * {@code server} label. What the collector follows.
 *
 * <p>Not merged into {@link ServerDefinition} (the editor's model) on purpose: this one takes any
 * address Prometheus would scrape (a hand-written {@code example.com} without a port defaults to
 * 80/443 there), so the overview keeps showing a file the editor cannot represent, and it is
 * immutable and null-free, which the editor's model cannot be (it must carry bad input to the
 * validator). {@link TargetGroups#read} derives the editor's model from it.
 *
 * @param labels the extra target labels besides server and role, as they land on every series
 * @param services its service checks, probed through blackbox_exporter (none are exporters)
 */
public record MonitoredServer(
        String id,
        String displayName,
        String role,
        List<Exporter> exporters,
        Map<String, String> labels,
        List<ServiceCheck> services) {

    public MonitoredServer {
        exporters = List.copyOf(exporters);
        labels = Map.copyOf(labels);
        services = List.copyOf(services);
    }

    /** A server without service checks. */
    public MonitoredServer(
            String id, String displayName, String role, List<Exporter> exporters, Map<String, String> labels) {
        this(id, displayName, role, exporters, labels, List.of());
    }

    public boolean hasExporter(ExporterKind kind) {
        return exporters.stream().anyMatch(exporter -> exporter.kind() == kind);
    }
}
