package dev.infradash.fleet;

import dev.infradash.prometheus.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a target without node_exporter tells anyway, for its card: how long its scrape took, and
 * where it exports them, its process uptime and JVM heap (Infradash scraping itself, the card
 * every new install shows, is one). Rides on the collector's one request per cycle as a
 * {@link CycleParts}; only {@code job="other"} series, so its cost does not grow with node servers.
 * The answer is kept here, not in the snapshot's details (those are the detail view's).
 */
@Component
public class TargetFacts implements CycleParts {

    static final String SCRAPE = "facts_scrape_seconds";
    static final String UPTIME = "facts_uptime_seconds";
    static final String HEAP = "facts_heap_bytes";
    static final String HEAP_MAX = "facts_heap_max_bytes";

    private static final String OTHER = "{server!=\"\",job=\"other\"";

    private volatile Map<String, Facts> facts = Map.of();

    @Override
    public Map<String, String> parts() {
        return Map.of(
                SCRAPE, "max by (server) (scrape_duration_seconds" + OTHER + "})",
                UPTIME, "max by (server) (time() - process_start_time_seconds" + OTHER + "})",
                HEAP, "sum by (server) (jvm_memory_used_bytes" + OTHER + ",area=\"heap\"})",
                // pools without a limit report -1: only real limits count
                HEAP_MAX, "sum by (server) (jvm_memory_max_bytes" + OTHER + ",area=\"heap\"} > 0)");
    }

    @Override
    public Map<String, ServerDetail> answered(Map<String, List<Sample>> answers, FleetSnapshot fleet) {
        Map<String, Facts> next = new HashMap<>();
        for (ServerSnapshot server : fleet.servers()) {
            Double scrape = value(answers, SCRAPE, server.id());
            Double uptime = value(answers, UPTIME, server.id());
            Double heap = value(answers, HEAP, server.id());
            Double heapMax = value(answers, HEAP_MAX, server.id());
            if (scrape != null || uptime != null || heap != null) {
                next.put(server.id(), new Facts(scrape, uptime, heap, heapMax));
            }
        }
        facts = Map.copyOf(next);
        return Map.of();
    }

    /** The facts of one server as of the last cycle, or null when it exports none of them. */
    public @Nullable Facts of(String serverId) {
        return facts.get(serverId);
    }

    private static @Nullable Double value(Map<String, List<Sample>> answers, String key, String server) {
        for (Sample sample : answers.getOrDefault(key, List.of())) {
            if (server.equals(sample.labels().get("server")) && Double.isFinite(sample.value())) {
                return sample.value();
            }
        }
        return null;
    }

    /** Each may be null: not exported. */
    public record Facts(
            @Nullable Double scrapeSeconds,
            @Nullable Double uptimeSeconds,
            @Nullable Double heapBytes,
            @Nullable Double heapMaxBytes) {}
}
