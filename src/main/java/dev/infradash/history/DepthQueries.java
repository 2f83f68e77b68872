package dev.infradash.history;

import dev.infradash.prometheus.PromQL;

/**
 * The PromQL of the host-depth charts (the Node Exporter Full panels admins open most), kept
 * apart from {@link ChartQueries} so each stays readable. Same contract: every expression keeps
 * the {@code server} label and the chart's series label, for range queries and live parts alike.
 */
final class DepthQueries {

    private DepthQueries() {}

    /**
     * @param s    the server selector
     * @param w    the rate window, bracketed
     * @param disk the device filter of block devices
     * @param net  the device filter of interfaces
     */
    static String promql(Chart chart, String s, String w, String disk, String net) {
        return switch (chart) {
            case PRESSURE ->
                pressure("cpu", "waiting", "some", s, w)
                        + " or " + pressure("memory", "waiting", "some", s, w)
                        + " or " + pressure("memory", "stalled", "full", s, w)
                        + " or " + pressure("io", "waiting", "some", s, w)
                        + " or " + pressure("io", "stalled", "full", s, w);
            case MEMORY_BREAKDOWN -> {
                // parts of MemTotal that add up to it, as Node Exporter Full stacks them
                String total = mem("MemTotal", s);
                String free = mem("MemFree", s);
                String buffers = mem("Buffers", s);
                String cached = mem("Cached", s);
                String slab = mem("Slab", s);
                yield tagged(total + " - " + free + " - " + buffers + " - " + cached + " - " + slab, "apps")
                        + " or " + tagged(cached, "page cache")
                        + " or " + tagged(buffers, "buffers")
                        + " or " + tagged(slab, "slab")
                        + " or " + tagged(free, "free");
            }
            case SWAP ->
                tagged(mem("SwapTotal", s) + " - " + mem("SwapFree", s), "used") + " or "
                        + tagged(mem("SwapTotal", s), "size");
            case DISK_UTILISATION ->
                "100 * max by (server, device) (rate(node_disk_io_time_seconds_total{" + s + "," + disk + "}" + w
                        + "))";
            case DISK_IOPS ->
                perDevice(
                                "sum by (server, device) (rate(node_disk_reads_completed_total{" + s + "," + disk + "}"
                                        + w + "))",
                                "read")
                        + " or "
                        + perDevice(
                                "sum by (server, device) (rate(node_disk_writes_completed_total{" + s + "," + disk + "}"
                                        + w + "))",
                                "write");
            case DISK_LATENCY -> latency("read", "reads", s, w, disk) + " or " + latency("write", "writes", s, w, disk);
            case NETWORK_ERRORS ->
                netCounter("receive_errs", "rx errors", s, w, net)
                        + " or " + netCounter("receive_drop", "rx drops", s, w, net)
                        + " or " + netCounter("transmit_errs", "tx errors", s, w, net)
                        + " or " + netCounter("transmit_drop", "tx drops", s, w, net);
            case TEMPERATURE ->
                // the hottest sensor of each chip; thermal zones where hwmon is missing
                "max by (server, chip) (node_hwmon_temp_celsius{" + s + "})"
                        + " or max by (server, chip) (label_replace(node_thermal_zone_temp{" + s
                        + "}, \"chip\", \"$1\", \"type\", \"(.*)\"))";
            default -> throw new IllegalArgumentException(chart + " is no depth chart");
        };
    }

    private static String pressure(String resource, String kind, String series, String s, String w) {
        return tagged(
                "100 * max by (server) (rate(node_pressure_" + resource + "_" + kind + "_seconds_total{" + s + "}" + w
                        + "))",
                resource + " " + series);
    }

    private static String mem(String field, String s) {
        return "max by (server) (node_memory_" + field + "_bytes{" + s + "})";
    }

    private static String latency(String series, String ops, String s, String w, String disk) {
        return perDevice(
                "1000 * sum by (server, device) (rate(node_disk_" + series + "_time_seconds_total{" + s + "," + disk
                        + "}" + w + ")) / sum by (server, device) (rate(node_disk_" + ops + "_completed_total{" + s
                        + "," + disk + "}" + w + "))",
                series);
    }

    private static String netCounter(String metric, String series, String s, String w, String net) {
        return perDevice(
                "sum by (server, device) (rate(node_network_" + metric + "_total{" + s + "," + net + "}" + w + "))",
                series);
    }

    /** "read sda", "rx errors eth0": the series label from a prefix and the device. */
    private static String perDevice(String expression, String prefix) {
        return "label_replace(" + expression + ", \"series\", " + PromQL.quote(prefix + " $1")
                + ", \"device\", \"(.*)\")";
    }

    static String tagged(String expression, String series) {
        return "label_replace(" + expression + ", \"series\", " + PromQL.quote(series) + ", \"\", \"\")";
    }
}
