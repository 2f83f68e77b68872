package dev.infradash.targets;

import java.util.List;
import java.util.Map;

/**
 * A server as the targets file declares it: the union of the target groups that carry its
 * {@code server} label.
 *
 * @param labels the extra target labels besides server and role, as they land on every series
 */
public record MonitoredServer(String id, String displayName, String role, List<Exporter> exporters,
                              Map<String, String> labels) {

    public MonitoredServer {
        exporters = List.copyOf(exporters);
        labels = Map.copyOf(labels);
    }

    public boolean hasExporter(ExporterKind kind) {
        return exporters.stream().anyMatch(exporter -> exporter.kind() == kind);
    }
}
