package dev.infradash.fleet;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code queryBackend} part of /actuator/health and /api/health: what answers Infradash's
 * queries and what it cannot do. Infradash works against Prometheus and Prometheus-compatible
 * backends (VictoriaMetrics, Thanos, Mimir), but some of them evaluate no alert rules unless a
 * separate ruler runs, and then the alert list is empty for a reason nobody sees: this says so.
 * Asked at most every five minutes (two small requests), never in the collector's cycle.
 */
@Component
class QueryBackendHealthIndicator implements HealthIndicator {

    static final String NO_RULES = "This backend evaluates no alert rules, so no alert can fire and the alert"
            + " list stays empty. With VictoriaMetrics run vmalert (and -vmalert.proxyURL); with Thanos or"
            + " Mimir, their ruler; with Prometheus, load rule files.";
    static final String NO_BUILD_INFO =
            "a Prometheus-compatible backend without build information (VictoriaMetrics answers so)";

    private final PrometheusClient prometheus;
    private final RecordingRules recordingRules;
    private final LoadingCache<String, Map<String, Object>> cache;

    QueryBackendHealthIndicator(PrometheusClient prometheus, RecordingRules recordingRules) {
        this.prometheus = prometheus;
        this.recordingRules = recordingRules;
        this.cache =
                Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).build(key -> describe());
    }

    @Override
    public Health health() {
        // informational: a backend's limits are not a reason to restart or fail over
        return Health.up()
                .withDetails(cache.get("backend"))
                .withDetail("recordingRules", recordingRules.status().reason())
                .build();
    }

    private Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            Map<String, String> build = prometheus.buildInfo();
            String version = build.get("version");
            details.put("kind", version == null || version.isBlank() ? NO_BUILD_INFO : "Prometheus API " + version);
            int groups = prometheus.ruleGroupCount();
            details.put("ruleGroups", groups);
            if (groups == 0) {
                details.put("alerts", NO_RULES);
            }
        } catch (PrometheusException e) {
            details.put("kind", "unknown");
            details.put("error", e.getMessage());
        }
        return details;
    }
}
