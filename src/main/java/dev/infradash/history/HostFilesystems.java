package dev.infradash.history;

import dev.infradash.fleet.CollectorProperties;
import dev.infradash.prometheus.PromQL;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import dev.infradash.prometheus.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Every mounted filesystem of one server for the detail view's table: usage, inodes, read-only
 * flag and the disk-full forecast over the chosen window. ONE instant query per opened window
 * (per viewer, on demand, like the range queries of the charts); nothing live.
 */
@Service
public class HostFilesystems {

    private static final String PART = "infradash_part";

    private final PrometheusClient prometheus;
    private final CollectorProperties properties;
    private final ServerHistory history;

    public HostFilesystems(PrometheusClient prometheus, CollectorProperties properties, ServerHistory history) {
        this.prometheus = prometheus;
        this.properties = properties;
        this.history = history;
    }

    /** The answer: the filesystems by mountpoint, or why there are none. */
    public record Answer(
            List<FilesystemRow> rows,
            @org.jspecify.annotations.Nullable String error) {
        public Answer {
            rows = List.copyOf(rows);
        }
    }

    CompletableFuture<Answer> load(String serverId, TimeWindow window) {
        return history.async(() -> query(serverId, window));
    }

    /** The PromQL of the table, evaluated at the window's end. */
    String promql(String serverId, TimeWindow window) {
        String s =
                "{" + ChartQueries.oneServer(serverId) + ",fstype!~" + PromQL.quote(properties.filesystemTypeExclude())
                        + ",mountpoint!~" + PromQL.quote(properties.mountpointExclude()) + "}";
        String avail = "node_filesystem_avail_bytes" + s;
        String size = "node_filesystem_size_bytes" + s;
        // the trend of the whole window, sampled at its chart step: 7 days cost ~1000 points, not 40 000
        Duration step = history.step(window);
        String trend = avail + "[" + PromQL.duration(window.length()) + ":" + PromQL.duration(step) + "]";
        return part("info", "max by (mountpoint, device, fstype) (" + size + ")")
                + " or "
                + part(
                        "used",
                        "max by (mountpoint) (100 * (1 - " + avail + " / (" + size + " - node_filesystem_free_bytes" + s
                                + " + " + avail + ")))")
                + " or " + part("avail", "max by (mountpoint) (" + avail + ")")
                + " or "
                + part(
                        "inodes",
                        "max by (mountpoint) (100 * (1 - node_filesystem_files_free" + s + " / node_filesystem_files"
                                + s + "))")
                + " or " + part("readonly", "max by (mountpoint) (node_filesystem_readonly" + s + ")")
                + " or "
                + part("full_in", "max by (mountpoint) (predict_linear(" + trend + ", 0) / -deriv(" + trend + ") > 0)");
    }

    private Answer query(String serverId, TimeWindow window) {
        List<Sample> samples;
        try {
            samples = prometheus
                    .query(promql(serverId, window), window.to())
                    .asVector()
                    .samples();
        } catch (PrometheusException e) {
            return new Answer(List.of(), "Prometheus could not answer: " + e.getMessage());
        }
        Map<String, Map<String, Double>> byMount = new TreeMap<>();
        Map<String, Sample> info = new HashMap<>();
        for (Sample sample : samples) {
            String mountpoint = sample.labels().get("mountpoint");
            String part = sample.labels().get(PART);
            if (mountpoint == null || part == null) {
                continue;
            }
            if (part.equals("info")) {
                info.put(mountpoint, sample);
            }
            if (Double.isFinite(sample.value())) {
                byMount.computeIfAbsent(mountpoint, m -> new HashMap<>()).put(part, sample.value());
            }
        }
        List<FilesystemRow> rows = new ArrayList<>();
        byMount.forEach((mountpoint, values) -> {
            Sample described = info.get(mountpoint);
            rows.add(new FilesystemRow(
                    mountpoint,
                    described == null ? "" : described.labels().getOrDefault("device", ""),
                    described == null ? "" : described.labels().getOrDefault("fstype", ""),
                    values.get("used"),
                    values.get("info"),
                    values.get("avail"),
                    values.get("inodes"),
                    values.getOrDefault("readonly", 0.0) > 0,
                    values.get("full_in")));
        });
        return new Answer(rows, null);
    }

    private static String part(String name, String expression) {
        return "label_replace(" + expression + ", \"" + PART + "\", \"" + name + "\", \"\", \"\")";
    }
}
