package dev.infradash.fleet;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import dev.infradash.prometheus.RecordingRule;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.stereotype.Component;

/**
 * Whether the collector may read the fleet recording rules (prometheus/rules/infradash-recording.yml)
 * instead of computing their expressions every cycle: only when the backend evaluates every one of
 * them, healthy, and this app computes exactly what they record (default rate window and
 * exclusions). Otherwise the raw expressions are sent, as before; {@link Status#reason()} says why,
 * on /api/health. Asked of the backend at most once a minute (every 15 s while not used), on the collector's thread, so the
 * requests per cycle stay constant (one more per minute, whatever the number of servers or viewers).
 */
@Component
public class RecordingRules {

    /** Why recording rules are or are not used, for the health endpoint. */
    public record Status(boolean used, String reason) {}

    private final PrometheusClient prometheus;
    private final boolean sameExpressions;
    private final LoadingCache<String, Status> status;

    @Autowired
    public RecordingRules(PrometheusClient prometheus, FleetQueries queries) {
        this(prometheus, queries, null);
    }

    private RecordingRules(PrometheusClient prometheus, FleetQueries queries, @Nullable Status fixed) {
        this.prometheus = prometheus;
        FleetQueries defaults = new FleetQueries(
                new Binder(new MapConfigurationPropertySource()).bindOrCreate("infradash", CollectorProperties.class));
        this.sameExpressions = FleetQueries.RECORDED.keySet().stream()
                .allMatch(query -> queries.promql(query).equals(defaults.promql(query)));
        this.status = Caffeine.newBuilder()
                .expireAfter(Expiry.<String, Status>writing(
                        // a rule file Prometheus just loaded is used within 15 s; a used one is re-checked each minute
                        (key, value) -> value.used() ? Duration.ofMinutes(1) : Duration.ofSeconds(15)))
                .build(key -> fixed != null ? fixed : check());
    }

    /** Never asks the backend; always this status. For tests that count or script every request. */
    public static RecordingRules fixed(PrometheusClient prometheus, FleetQueries queries, Status status) {
        return new RecordingRules(prometheus, queries, status);
    }

    /** Whether this cycle should read the recorded series. */
    public boolean used() {
        return status().used();
    }

    public Status status() {
        return status.get("rules");
    }

    private Status check() {
        if (!sameExpressions) {
            return new Status(
                    false,
                    "not used: infradash.rate-window or a device/filesystem exclusion differs from the default the"
                            + " recording rules were written for; the raw expressions are sent");
        }
        Map<String, RecordingRule> loaded;
        try {
            loaded = prometheus.recordingRules().stream()
                    .collect(Collectors.toMap(RecordingRule::name, rule -> rule, (a, b) -> a.usable() ? a : b));
        } catch (PrometheusException e) {
            return new Status(false, "not used: the backend's rules cannot be read (" + e.getMessage() + ")");
        }
        Set<String> missing = new TreeSet<>();
        for (String name : FleetQueries.RECORDED.values()) {
            RecordingRule rule = loaded.get(name);
            if (rule == null || !rule.usable()) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return new Status(true, "used: the cycle reads " + FleetQueries.RECORDED.size() + " recorded series");
        }
        return new Status(
                false,
                "not used: the backend does not evaluate " + String.join(", ", missing)
                        + " (load prometheus/rules/infradash-recording.yml); the raw expressions are sent");
    }
}
