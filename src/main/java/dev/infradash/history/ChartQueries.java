package dev.infradash.history;

import dev.infradash.fleet.CollectorProperties;
import dev.infradash.prometheus.PromQL;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The PromQL behind each {@link Chart}, for any set of servers: a detail view's range query asks
 * for one server ({@code server="x"}), the collector's live part for every watched server at
 * once ({@code server=~"a|b"}). Both keep the {@code server} label and the chart's series label,
 * so the numbers drawn from history and the points appended live are the same computation.
 */
@Component
public class ChartQueries {

    private final CollectorProperties properties;

    public ChartQueries(CollectorProperties properties) {
        this.properties = properties;
    }

    /** Selects exactly one server, whatever characters its id has. */
    public static String oneServer(String id) {
        return PromQL.matcher("server", id);
    }

    /** Selects exactly these servers: each id is regex-escaped, then quoted. */
    public static String servers(Collection<String> ids) {
        String alternatives =
                ids.stream().sorted().map(ChartQueries::regexLiteral).collect(Collectors.joining("|"));
        return "server=~" + PromQL.quote(alternatives);
    }

    /** RE2 metacharacters escaped, so an id matches only itself (Prometheus anchors the regex). */
    static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * @param selector a label matcher from {@link #oneServer} or {@link #servers}
     * @param rateWindow the rate() window; a range query passes at least its step, so no
     *                   sample between two points is skipped
     */
    public String promql(Chart chart, String selector, Duration rateWindow) {
        String w = "[" + PromQL.duration(rateWindow) + "]";
        String disk = "device!~" + PromQL.quote(properties.diskDeviceExclude());
        String net = "device!~" + PromQL.quote(properties.networkDeviceExclude());
        String fs = "fstype!~" + PromQL.quote(properties.filesystemTypeExclude()) + ",mountpoint!~"
                + PromQL.quote(properties.mountpointExclude());
        return switch (chart) {
            // user, system, iowait, and the minor modes summed as "other", as a share of all cores;
            // the bucket label keeps the relabelled series apart until they are summed
            case CPU ->
                "label_replace(100 * sum by (server, bucket) (label_replace(label_replace(rate(node_cpu_seconds_total{"
                        + selector + ",mode!=\"idle\"}" + w
                        + "), \"bucket\", \"other\", \"\", \"\"), \"bucket\", \"$1\", \"mode\","
                        + " \"(user|system|iowait)\")) / on (server) group_left count by (server) (node_cpu_seconds_total{"
                        + selector + ",mode=\"idle\"}), \"mode\", \"$1\", \"bucket\", \"(.*)\")";
            case LOAD ->
                tagged("max by (server) (node_load1{" + selector + "})", "1m")
                        + " or " + tagged("max by (server) (node_load5{" + selector + "})", "5m")
                        + " or " + tagged("max by (server) (node_load15{" + selector + "})", "15m");
            case MEMORY ->
                tagged(
                                "max by (server) (node_memory_MemTotal_bytes{" + selector + "})"
                                        + " - max by (server) (node_memory_MemAvailable_bytes{" + selector + "})",
                                "used")
                        + " or "
                        + tagged(
                                "max by (server) (node_memory_Cached_bytes{" + selector + "})"
                                        + " + max by (server) (node_memory_Buffers_bytes{" + selector + "})",
                                "cache+buffers")
                        + " or "
                        + tagged("max by (server) (node_memory_MemAvailable_bytes{" + selector + "})", "available");
            case DISK_USAGE -> {
                String used = "(node_filesystem_size_bytes{" + selector + "," + fs + "} - node_filesystem_free_bytes{"
                        + selector + "," + fs + "})";
                yield "max by (server, mountpoint) (100 * " + used + " / (" + used + " + node_filesystem_avail_bytes{"
                        + selector + "," + fs + "}))";
            }
            case DISK_IO ->
                tagged(
                                "sum by (server) (rate(node_disk_read_bytes_total{" + selector + "," + disk + "}" + w
                                        + "))",
                                "read")
                        + " or "
                        + tagged(
                                "sum by (server) (rate(node_disk_written_bytes_total{" + selector + "," + disk + "}" + w
                                        + "))",
                                "write");
            // bits per second, as links are sold (issue 15); the browser formats kbit/s, Mbit/s, Gbit/s
            case NETWORK ->
                "label_replace(8 * sum by (server, device) (rate(node_network_receive_bytes_total{" + selector + ","
                        + net + "}" + w + ")), \"series\", \"rx $1\", \"device\", \"(.*)\")"
                        + " or label_replace(8 * sum by (server, device) (rate(node_network_transmit_bytes_total{"
                        + selector + ","
                        + net + "}" + w + ")), \"series\", \"tx $1\", \"device\", \"(.*)\")";
            case PRESSURE,
                    MEMORY_BREAKDOWN,
                    SWAP,
                    DISK_UTILISATION,
                    DISK_IOPS,
                    DISK_LATENCY,
                    NETWORK_ERRORS,
                    TEMPERATURE -> DepthQueries.promql(chart, selector, w, disk, net);
            case GPU_UTILIZATION ->
                gpu(
                        "DCGM_FI_DEV_GPU_UTIL{" + selector + "}",
                        "100 * nvidia_smi_utilization_gpu_ratio{" + selector + "}");
            case GPU_MEMORY ->
                gpu(
                        "100 * DCGM_FI_DEV_FB_USED{" + selector + "} / (DCGM_FI_DEV_FB_USED{" + selector
                                + "} + DCGM_FI_DEV_FB_FREE{" + selector + "} + (DCGM_FI_DEV_FB_RESERVED{" + selector
                                + "} or DCGM_FI_DEV_FB_FREE{" + selector + "} * 0))",
                        "100 * nvidia_smi_memory_used_bytes{" + selector + "} / nvidia_smi_memory_total_bytes{"
                                + selector + "}");
            case GPU_TEMPERATURE ->
                gpu("DCGM_FI_DEV_GPU_TEMP{" + selector + "}", "nvidia_smi_temperature_gpu{" + selector + "}");
            case GPU_POWER ->
                gpu("DCGM_FI_DEV_POWER_USAGE{" + selector + "}", "nvidia_smi_power_draw_watts{" + selector + "}");
        };
    }

    private static String tagged(String expression, String series) {
        return "label_replace(" + expression + ", \"series\", " + PromQL.quote(series) + ", \"\", \"\")";
    }

    private static String gpu(String dcgm, String nvidiaSmi) {
        return "max by (server, uuid) (label_replace(" + dcgm + ", \"uuid\", \"$1\", \"UUID\", \"(?:GPU-)?(.+)\"))"
                + " or max by (server, uuid) (" + nvidiaSmi + ")";
    }

    /** The key under which a chart's live part is tagged in the collector's combined query. */
    public static String liveKey(Chart chart) {
        return "chart_" + chart.name().toLowerCase(Locale.ROOT);
    }
}
