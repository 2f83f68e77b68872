package dev.infradash.history;

import dev.infradash.fleet.Health;
import dev.infradash.fleet.ServerSnapshot;
import org.jspecify.annotations.Nullable;

/** Says why a chart is empty, so a blank chart never leaves the user guessing. */
final class MissingData {

    private MissingData() {}

    static String explain(Chart chart, @Nullable ServerSnapshot server) {
        if (server == null) {
            return "No data for this server in this window.";
        }
        if (chart.gpu()) {
            Boolean up = server.exporterUp("gpu");
            if (Boolean.FALSE.equals(up)) {
                return "GPU exporter down: no GPU data.";
            }
            return "The GPU exporter answers but reports no GPU metrics (dcgm-exporter or nvidia_gpu_exporter).";
        }
        if (server.health() == Health.DOWN) {
            return "No data in this window: node_exporter is down.";
        }
        return "No data: this node_exporter does not export " + metric(chart) + ".";
    }

    private static String metric(Chart chart) {
        return switch (chart) {
            case CPU -> "node_cpu_seconds_total";
            case LOAD -> "node_load1";
            case MEMORY -> "node_memory_MemAvailable_bytes";
            case DISK_USAGE -> "node_filesystem_size_bytes for a real filesystem";
            case DISK_IO -> "node_disk_read_bytes_total";
            case NETWORK -> "node_network_receive_bytes_total for a physical interface";
            default -> "GPU metrics";
        };
    }
}
