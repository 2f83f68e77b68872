package dev.infradash.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code collector} part of /actuator/health and /api/health: is Prometheus answering, how
 * fast, and how old is the snapshot every view shows. An unreachable Prometheus or a snapshot
 * older than three cycles is DEGRADED, not DOWN: the app itself still serves its last values, and
 * a container health check must not restart it for Prometheus' sake.
 */
@Component
class CollectorHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Prometheus unreachable or the snapshot is stale");

    private final FleetSnapshotPublisher snapshots;
    private final MetricsCollector collector;
    private final CollectorProperties properties;
    private final Clock clock;

    CollectorHealthIndicator(
            FleetSnapshotPublisher snapshots, MetricsCollector collector, CollectorProperties properties, Clock clock) {
        this.snapshots = snapshots;
        this.collector = collector;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        FleetSnapshot snapshot = snapshots.current();
        PrometheusStatus prometheus = snapshot.prometheus();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("prometheusUrl", prometheus.url());
        details.put("prometheusReachable", snapshot.isInitial() ? null : prometheus.reachable());
        if (prometheus.error() != null) {
            details.put("error", prometheus.error());
        }
        Duration latency = collector.lastQueryLatency();
        details.put("queryLatencyMillis", latency == null ? null : latency.toMillis());
        details.put("lastSuccess", prometheus.lastSuccess());
        Duration age =
                prometheus.lastSuccess() == null ? null : Duration.between(prometheus.lastSuccess(), clock.instant());
        details.put("snapshotAgeSeconds", age == null ? null : age.toMillis() / 1000.0);
        details.put("refreshInterval", properties.refreshInterval().toString());
        details.put("servers", snapshot.servers().size());
        details.put(
                "serversUp",
                snapshot.servers().stream().filter(ServerSnapshot::up).count());
        if (!snapshot.failedQueries().isEmpty()) {
            details.put("failedQueries", snapshot.failedQueries());
        }
        if (snapshot.targetsError() != null) {
            details.put("targetsError", snapshot.targetsError());
        }
        Status status;
        if (snapshot.isInitial()) {
            status = Status.UNKNOWN;
        } else if (!prometheus.reachable()
                || age == null
                || age.compareTo(properties.refreshInterval().multipliedBy(3)) > 0) {
            status = DEGRADED;
        } else {
            status = Status.UP;
        }
        return Health.status(status).withDetails(details).build();
    }
}
