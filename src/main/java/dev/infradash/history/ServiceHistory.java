package dev.infradash.history;

import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Series;
import dev.infradash.prometheus.PromQL;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.RangeSeries;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The history of one service check (job blackbox): its response time and its up/down timeline
 * over a window, from the probe_* series by the {@code server} and {@code service} labels. Asked
 * once per request of the series API, never per cycle.
 */
@Component
public class ServiceHistory {

    /** What the series API's {@code metric=service_...} can ask for. */
    public enum Metric {
        /** probe_duration_seconds in milliseconds */
        SERVICE_LATENCY("MILLISECONDS"),
        /** probe_success: 1 up, 0 down */
        SERVICE_UP("NUMBER");

        private final String unit;

        Metric(String unit) {
            this.unit = unit;
        }

        public String unit() {
            return unit;
        }

        public static Optional<Metric> parse(String text) {
            for (Metric metric : values()) {
                if (metric.name().equalsIgnoreCase(text.trim())) {
                    return Optional.of(metric);
                }
            }
            return Optional.empty();
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final PrometheusClient prometheus;

    public ServiceHistory(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    static String promql(Metric metric, String server, String service) {
        String selector = "{" + PromQL.matcher("server", server) + "," + PromQL.matcher("service", service) + "}";
        return switch (metric) {
            case SERVICE_LATENCY -> "1000 * max by (service) (probe_duration_seconds" + selector + ")";
            case SERVICE_UP -> "max by (service) (probe_success" + selector + ")";
        };
    }

    /**
     * @throws dev.infradash.prometheus.PrometheusException Prometheus could not answer
     */
    public List<Series> series(Metric metric, String server, String service, TimeWindow window, Duration step) {
        List<RangeSeries> answer = prometheus
                .queryRange(promql(metric, server, service), window.from(), window.to(), step)
                .asMatrix()
                .series();
        return answer.stream()
                .map(s -> new Series(
                        service,
                        s.points().stream()
                                .map(p -> Point.of(p.timestamp(), Double.isFinite(p.value()) ? p.value() : null))
                                .toList()))
                .toList();
    }
}
