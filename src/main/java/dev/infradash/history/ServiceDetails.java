package dev.infradash.history;

import dev.infradash.base.chart.Series;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The service checks' history of one server for a detail view's window: per check its up/down
 * timeline ("up" and "down" as shares of the probes, stacked to 100 %), its response time in ms,
 * and its uptime over 24 h, 7 d and 30 d.
 *
 * @param step        the resolution the charts are drawn at
 * @param chartError  why the charts could not be filled (Prometheus did not answer), or null
 * @param uptimeError why the uptimes could not be computed, or null
 */
public record ServiceDetails(
        Duration step,
        Map<String, List<Series>> timelines,
        Map<String, List<Series>> latencies,
        Map<String, List<Uptime>> uptimes,
        @Nullable String chartError,
        @Nullable String uptimeError) {

    public ServiceDetails {
        timelines = Map.copyOf(timelines);
        latencies = Map.copyOf(latencies);
        uptimes = Map.copyOf(uptimes);
    }

    public List<Series> timeline(String service) {
        return timelines.getOrDefault(service, List.of());
    }

    public List<Series> latency(String service) {
        return latencies.getOrDefault(service, List.of());
    }

    public List<Uptime> uptime(String service) {
        return uptimes.getOrDefault(service, List.of());
    }
}
