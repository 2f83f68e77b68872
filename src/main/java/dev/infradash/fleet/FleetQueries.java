package dev.infradash.fleet;

import dev.infradash.prometheus.PromQL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The PromQL of every {@link FleetQuery}, and all of them combined into ONE expression: each part
 * is tagged with an {@code infradash_query} label and the parts are joined with {@code or}. The
 * tags keep the parts' label sets distinct, so {@code or} drops nothing, and a normal cycle costs
 * a single HTTP request whatever the number of servers.
 *
 * <p>The {@code or}s form a balanced tree matched {@code on(infradash_query)}, not a chain: a
 * chain re-reads everything joined so far at every step, which at 500 servers made Prometheus
 * spend 105-125 ms on the combined query where its parts alone cost 80 ms; the tree costs 82 ms
 * ({@code scripts/bench.sh queries}).
 */
@Component
public class FleetQueries {

    static final String QUERY_LABEL = "infradash_query";

    /**
     * The queries prometheus/rules/infradash-recording.yml records, by the name of their series:
     * the ones that rate() or aggregate over many series per server (every filesystem's used %
     * reads three series per filesystem; uptime two per server: at 2,000 servers the two cost
     * Prometheus 366 and 192 ms raw). The ones that read one series per answer (up, load, totals,
     * filesystem sizes) are asked raw: recording them would save nothing and make them lag.
     */
    static final Map<FleetQuery, String> RECORDED = recorded();

    private final Map<FleetQuery, String> promql;
    private final Map<FleetQuery, String> tagged;
    private final String combined;
    private final Map<FleetQuery, String> taggedRecorded;

    public FleetQueries(CollectorProperties properties) {
        String window = "[" + PromQL.duration(properties.rateWindow()) + "]";
        String disk = "device!~" + PromQL.quote(properties.diskDeviceExclude());
        String net = "device!~" + PromQL.quote(properties.networkDeviceExclude());
        String root = "{mountpoint=\"/\",fstype!~" + PromQL.quote(properties.filesystemTypeExclude()) + "}";
        Map<FleetQuery, String> q = new EnumMap<>(FleetQuery.class);
        // service="": a probe through blackbox_exporter is a check, not an exporter of the server
        q.put(FleetQuery.UP, "max by (server, role, job) (up{server!=\"\",service=\"\"})");
        // timestamp(up) is when each target was last scraped: the honest sample time of its values
        q.put(FleetQuery.SCRAPE_TIME, "max by (server, job) (timestamp(up{server!=\"\",service=\"\"}))");
        q.put(
                FleetQuery.CPU_BUSY,
                "100 * (1 - avg by (server) (rate(node_cpu_seconds_total{mode=\"idle\"}" + window + ")))");
        q.put(FleetQuery.LOAD1, "max by (server) (node_load1)");
        q.put(
                FleetQuery.MEMORY_USED,
                "100 * (1 - max by (server) (node_memory_MemAvailable_bytes)"
                        + " / max by (server) (node_memory_MemTotal_bytes))");
        q.put(FleetQuery.MEMORY_TOTAL, "max by (server) (node_memory_MemTotal_bytes)");
        // used % as df shows it: (size - free) / (size - free + avail); 1 - avail/size overstates it.
        // Written as 1 - avail / (size - free + avail): the same number from 3 selectors instead of 5
        // (16 -> 9 ms at 500 servers)
        String avail = "node_filesystem_avail_bytes" + root;
        q.put(
                FleetQuery.ROOT_FS_USED,
                "max by (server) (100 * (1 - " + avail + " / (node_filesystem_size_bytes" + root
                        + " - node_filesystem_free_bytes" + root + " + " + avail + ")))");
        q.put(FleetQuery.DISK_READ, "sum by (server) (rate(node_disk_read_bytes_total{" + disk + "}" + window + "))");
        q.put(
                FleetQuery.DISK_WRITE,
                "sum by (server) (rate(node_disk_written_bytes_total{" + disk + "}" + window + "))");
        q.put(
                FleetQuery.NETWORK_RECEIVE,
                "sum by (server) (rate(node_network_receive_bytes_total{" + net + "}" + window + "))");
        q.put(
                FleetQuery.NETWORK_TRANSMIT,
                "sum by (server) (rate(node_network_transmit_bytes_total{" + net + "}" + window + "))");
        q.put(FleetQuery.UPTIME, "max by (server) (node_time_seconds - node_boot_time_seconds)");
        q.put(FleetQuery.CORES, "count by (server) (node_cpu_seconds_total{mode=\"idle\"})");
        // GPUs: dcgm-exporter and nvidia_gpu_exporter, keyed by (server, uuid). dcgm spells the
        // label UUID, so it is copied to uuid in the same form; `or` then keeps one answer per GPU even when a
        // server runs both exporters, instead of counting the GPU twice.
        q.put(
                FleetQuery.GPU_INFO,
                "max by (server, uuid, model) (label_replace(" + dcgm("DCGM_FI_DEV_GPU_TEMP")
                        + ", \"model\", \"$1\", \"modelName\", \"(.*)\"))"
                        + " or max by (server, uuid, model) (label_replace(nvidia_smi_gpu_info, \"model\", \"$1\", \"name\", \"(.*)\"))");
        q.put(FleetQuery.GPU_UTILIZATION, gpu(dcgm("DCGM_FI_DEV_GPU_UTIL"), "100 * nvidia_smi_utilization_gpu_ratio"));
        // FB_USED + FB_FREE omits the reserved framebuffer; add it where the exporter reports it
        q.put(
                FleetQuery.GPU_MEMORY_USED,
                gpu(
                        dcgm("100 * DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED"
                                + " + DCGM_FI_DEV_FB_FREE + (DCGM_FI_DEV_FB_RESERVED or DCGM_FI_DEV_FB_FREE * 0))"),
                        "100 * nvidia_smi_memory_used_bytes / nvidia_smi_memory_total_bytes"));
        q.put(FleetQuery.GPU_TEMPERATURE, gpu(dcgm("DCGM_FI_DEV_GPU_TEMP"), "nvidia_smi_temperature_gpu"));
        q.put(FleetQuery.GPU_POWER, gpu(dcgm("DCGM_FI_DEV_POWER_USAGE"), "nvidia_smi_power_draw_watts"));
        ServiceQueries.add(q);
        filesystems(q, properties);
        this.promql = Collections.unmodifiableMap(q);
        Map<FleetQuery, String> raw = new EnumMap<>(FleetQuery.class);
        Map<FleetQuery, String> fromRules = new EnumMap<>(FleetQuery.class);
        q.forEach((query, expression) -> {
            raw.put(query, tag(expression, query.key()));
            String recordedName = RECORDED.get(query);
            fromRules.put(query, tag(recordedName == null ? expression : unnamed(recordedName), query.key()));
        });
        this.tagged = Collections.unmodifiableMap(raw);
        this.taggedRecorded = Collections.unmodifiableMap(fromRules);
        this.combined = union(List.copyOf(tagged.values()));
    }

    private static Map<FleetQuery, String> recorded() {
        Map<FleetQuery, String> names = new EnumMap<>(FleetQuery.class);
        for (FleetQuery query : List.of(
                FleetQuery.CPU_BUSY,
                FleetQuery.MEMORY_USED,
                FleetQuery.ROOT_FS_USED,
                FleetQuery.DISK_READ,
                FleetQuery.DISK_WRITE,
                FleetQuery.NETWORK_RECEIVE,
                FleetQuery.NETWORK_TRANSMIT,
                FleetQuery.CORES,
                FleetQuery.UPTIME,
                FleetQuery.FS_USED,
                FleetQuery.GPU_INFO,
                FleetQuery.GPU_UTILIZATION,
                FleetQuery.GPU_MEMORY_USED,
                FleetQuery.GPU_TEMPERATURE,
                FleetQuery.GPU_POWER)) {
            names.put(query, "infradash:" + query.key());
        }
        return Collections.unmodifiableMap(names);
    }

    /**
     * A recorded series without its {@code __name__}: a raw part's aggregation drops the name, a
     * bare selector keeps it, and the name carried by every one of ~4,000 series grew the cycle's
     * answer at 500 servers from 824 to 969 KB for nothing (parts are told apart by their tag).
     * Setting {@code __name__} to "" removes it in Prometheus (and Thanos, Mimir) and in
     * VictoriaMetrics alike; it is a label edit per series, no arithmetic on the values.
     */
    static String unnamed(String recordedSeries) {
        return "label_replace(" + recordedSeries + ", \"__name__\", \"\", \"\", \"\")";
    }

    private static String tag(String promql, String key) {
        return "label_replace(" + promql + ", \"" + QUERY_LABEL + "\", \"" + key + "\", \"\", \"\")";
    }

    /** The parts joined as a balanced tree of {@code or on(infradash_query)}. */
    static String union(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int half = parts.size() / 2;
        return "(" + union(parts.subList(0, half)) + ")\nor on(" + QUERY_LABEL + ") ("
                + union(parts.subList(half, parts.size())) + ")";
    }

    /** The PromQL of one query, as the collector sends it when it has to ask separately. */
    public String promql(FleetQuery query) {
        return Objects.requireNonNull(promql.get(query), "every query has its PromQL");
    }

    /** All queries in one expression: what a normal cycle sends. */
    public String combined() {
        return combined;
    }

    /**
     * The fleet queries plus other slices' parts (see {@link CycleParts}), by tag, still one
     * expression: live charts, for one, ride on the cycle's single request.
     */
    public String combined(Map<String, String> extraParts) {
        return combined(extraParts, false);
    }

    /**
     * As {@link #combined(Map)}; with {@code recorded}, the {@link #RECORDED} parts read the
     * recording rules' series instead of computing them (see {@link RecordingRules}).
     */
    public String combined(Map<String, String> extraParts, boolean recorded) {
        return combined(extraParts, recorded, true);
    }

    /** As {@link #combined(Map, boolean)}; without {@code withSlow}, leaves {@link SlowParts#SLOW} out. */
    public String combined(Map<String, String> extraParts, boolean recorded, boolean withSlow) {
        if (extraParts.isEmpty() && !recorded && withSlow) {
            return combined;
        }
        List<String> parts = new ArrayList<>();
        (recorded ? taggedRecorded : tagged).forEach((query, part) -> {
            if (withSlow || !SlowParts.SLOW.contains(query)) {
                parts.add(part);
            }
        });
        extraParts.forEach((key, expression) -> parts.add(tag(expression, key)));
        return union(parts);
    }

    /** Every real filesystem of every server: used %, size, and when it is full at its trend. */
    private static void filesystems(Map<FleetQuery, String> q, CollectorProperties properties) {
        String real = "{fstype!~" + PromQL.quote(properties.filesystemTypeExclude()) + ",mountpoint!~"
                + PromQL.quote(properties.mountpointExclude()) + "}";
        String avail = "node_filesystem_avail_bytes" + real;
        q.put(
                FleetQuery.FS_USED,
                "max by (server, mountpoint) (100 * (1 - " + avail + " / (node_filesystem_size_bytes" + real
                        + " - node_filesystem_free_bytes" + real + " + " + avail + ")))");
        q.put(FleetQuery.FS_SIZE, "max by (server, mountpoint) (node_filesystem_size_bytes" + real + ")");
        // the t at which predict_linear(avail[w], t) reaches 0: its fitted value now over the slope
        // (deriv is the slope of the same least-squares line); "> 0" keeps only filling filesystems
        // the trend the cards' forecast follows: a subquery (6 h at 5 minutes by default) costs 72
        // points per filesystem instead of 1440 raw samples at a 15 s scrape, at 500 servers too
        String trend = avail + "[" + properties.forecastRange() + "]";
        q.put(
                FleetQuery.FS_FULL_IN,
                "max by (server, mountpoint) (predict_linear(" + trend + ", 0) / -deriv(" + trend + ") > 0)");
    }

    private static String dcgm(String expression) {
        // nvidia_gpu_exporter drops the "GPU-" prefix of the UUID nvidia-smi prints; so does this
        return "label_replace(" + expression + ", \"uuid\", \"$1\", \"UUID\", \"(?:GPU-)?(.+)\")";
    }

    private static String gpu(String dcgmExpression, String nvidiaSmiExpression) {
        return "max by (server, uuid) (" + dcgmExpression + ") or max by (server, uuid) (" + nvidiaSmiExpression + ")";
    }
}
