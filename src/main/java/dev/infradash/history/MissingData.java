package dev.infradash.history;

import dev.infradash.base.Reading;
import dev.infradash.fleet.GpuNotes;
import dev.infradash.fleet.Health;
import dev.infradash.fleet.NodeMetrics;
import dev.infradash.fleet.ServerSnapshot;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Says why a chart is empty, so a blank chart never leaves the user guessing, and never sends an
 * admin debugging a healthy exporter: "no data in this window" (a future window, a server younger
 * than the window's resolution) is told apart from "this exporter does not export the metric",
 * which the collector's current snapshot decides.
 */
final class MissingData {

    private MissingData() {}

    static String explain(Chart chart, @Nullable ServerSnapshot server, TimeWindow window, Instant now) {
        if (!window.from().isBefore(now)) {
            return "No data: this window lies in the future.";
        }
        if (server == null) {
            return "No data for this server in this window.";
        }
        if (chart.gpu()) {
            return GpuNotes.note(server)
                    .map(note -> "No data: " + lowerFirst(note) + ".")
                    .orElse("No GPU data in this window.");
        }
        if (server.health() == Health.DOWN) {
            return "No data in this window: node_exporter is down.";
        }
        Boolean exported = exported(chart, server);
        if (exported == null) {
            return "No data in this window.";
        }
        if (exported) {
            return "No data in this window yet: node_exporter exports " + metric(chart)
                    + ", but Prometheus has too few samples of it here for this range (a recently added server,"
                    + " or a window before its first scrape).";
        }
        if (server.node().equals(NodeMetrics.NONE)) {
            return "No data yet: waiting for node_exporter's first scrape.";
        }
        return "No data: this node_exporter does not export " + metric(chart) + ".";
    }

    /** Whether the latest snapshot has the chart's metric; null when the snapshot cannot tell. */
    private static @Nullable Boolean exported(Chart chart, ServerSnapshot server) {
        NodeMetrics node = server.node();
        return switch (chart) {
            case CPU -> present(node.cpuBusyPercent());
            case LOAD -> present(node.load1());
            case MEMORY, MEMORY_BREAKDOWN, SWAP -> present(node.memoryTotalBytes());
            case DISK_USAGE ->
                present(node.rootFilesystemUsedPercent())
                        || !server.filesystems().isEmpty();
            case DISK_IO, DISK_UTILISATION, DISK_IOPS, DISK_LATENCY -> present(node.diskReadBytesPerSecond());
            case NETWORK, NETWORK_ERRORS -> present(node.networkReceiveBytesPerSecond());
            default -> null;
        };
    }

    private static boolean present(@Nullable Reading reading) {
        return reading != null;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String metric(Chart chart) {
        return switch (chart) {
            case CPU -> "node_cpu_seconds_total";
            case LOAD -> "node_load1";
            case MEMORY, MEMORY_BREAKDOWN, SWAP -> "node_memory_MemAvailable_bytes";
            case DISK_USAGE -> "node_filesystem_size_bytes for a real filesystem";
            case DISK_IO, DISK_UTILISATION, DISK_IOPS, DISK_LATENCY -> "node_disk_read_bytes_total";
            case NETWORK, NETWORK_ERRORS -> "node_network_receive_bytes_total for a physical interface";
            case PRESSURE -> "node_pressure_cpu_waiting_seconds_total";
            case TEMPERATURE -> "node_hwmon_temp_celsius";
            default -> "GPU metrics";
        };
    }
}
