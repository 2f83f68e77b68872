package dev.infradash.history;

import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Series;
import dev.infradash.fleet.CollectorProperties;
import dev.infradash.prometheus.PromQL;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import dev.infradash.prometheus.RangeSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The history of a server's service checks (job blackbox), from the probe_* series by the
 * {@code server} and {@code service} labels: up/down timeline, response time and uptime over
 * 24 h, 7 d and 30 d ({@link UptimeQuery}). Asked when a detail view opens or changes its window (three requests,
 * whatever the number of checks) and per request of the series API; never per cycle.
 */
@Component
public class ServiceHistory {

    private static final Logger log = LoggerFactory.getLogger(ServiceHistory.class);

    /** What the series API's {@code metric=service_...} can ask for. */
    public enum Metric {
        /** probe_duration_seconds in milliseconds, averaged over each step */
        SERVICE_LATENCY("MILLISECONDS"),
        /** probe_success averaged over each step: 1 all probes up, 0 all down */
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
    private final Duration scrapeInterval;
    private final ServerHistory pool;
    private final Clock clock;
    private final UptimeQuery uptimeQuery;

    public ServiceHistory(
            PrometheusClient prometheus, CollectorProperties properties, ServerHistory pool, Clock clock) {
        this.prometheus = prometheus;
        this.scrapeInterval = properties.scrapeInterval();
        this.pool = pool;
        this.clock = clock;
        this.uptimeQuery = new UptimeQuery(prometheus, scrapeInterval);
    }

    /** Every check of the server ({@code service} null) or one check. */
    static String selector(String server, @Nullable String service) {
        return "{" + PromQL.matcher("server", server) + ","
                + (service == null ? "service!=\"\"" : PromQL.matcher("service", service)) + "}";
    }

    /**
     * One series per check of the server ({@code service} null) or of one check, each point the
     * average over {@code range} ending there, so an outage between two points is not skipped.
     */
    static String promql(Metric metric, String server, @Nullable String service, Duration range) {
        String s = selector(server, service) + "[" + PromQL.duration(range) + "]";
        return switch (metric) {
            case SERVICE_LATENCY -> "1000 * max by (service) (avg_over_time(probe_duration_seconds" + s + "))";
            case SERVICE_UP -> "max by (service) (avg_over_time(probe_success" + s + "))";
        };
    }

    /** The averaging range of a step: the step itself, but at least two scrapes so none falls between. */
    Duration range(Duration step) {
        Duration twoScrapes = scrapeInterval.multipliedBy(2);
        return step.compareTo(twoScrapes) >= 0 ? step : twoScrapes;
    }

    /**
     * @throws PrometheusException Prometheus could not answer
     */
    public List<Series> series(Metric metric, String server, String service, TimeWindow window, Duration step) {
        return query(metric, server, service, window, step).values().stream()
                .map(points -> new Series(service, points))
                .toList();
    }

    /** Points by service name, with a gap (a null point) where probes are missing. */
    private Map<String, List<Point>> query(
            Metric metric, String server, @Nullable String service, TimeWindow window, Duration step) {
        List<RangeSeries> answer = prometheus
                .queryRange(promql(metric, server, service, range(step)), window.from(), window.to(), step)
                .asMatrix()
                .series();
        Map<String, List<Point>> byService = new HashMap<>();
        for (RangeSeries s : answer) {
            List<Point> points = new ArrayList<>();
            Instant previous = null;
            for (dev.infradash.prometheus.Point p : s.points()) {
                if (previous != null
                        && Duration.between(previous, p.timestamp())
                                        .compareTo(step.multipliedBy(3).dividedBy(2))
                                > 0) {
                    points.add(
                            Point.of(previous.plus(step), null)); // the chart breaks here rather than drawing through
                }
                points.add(Point.of(p.timestamp(), Double.isFinite(p.value()) ? p.value() : null));
                previous = p.timestamp();
            }
            byService.put(s.labels().getOrDefault("service", ""), points);
        }
        return byService;
    }

    /**
     * The checks' history for a detail view, on the history pool: two range queries (timeline,
     * response time) and one instant query (uptimes) for all the server's checks together.
     */
    public CompletableFuture<ServiceDetails> load(String server, List<String> services, TimeWindow window) {
        return load(server, services, window, TimeWindow.MAX_POINTS);
    }

    /** As {@link #load(String, List, TimeWindow)} for charts {@code points} pixels wide, like the host charts. */
    public CompletableFuture<ServiceDetails> load(
            String server, List<String> services, TimeWindow window, int chartPoints) {
        Duration step = window.step(scrapeInterval, chartPoints);
        if (services.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new ServiceDetails(step, Map.of(), Map.of(), Map.of(), null, null));
        }
        try {
            return loadAll(server, window, step).exceptionally(failure -> failed(step, failure));
        } catch (RuntimeException e) { // the pool refused the work: it is shutting down
            return CompletableFuture.completedFuture(failed(step, e));
        }
    }

    /**
     * What the rows show when the history cannot be loaded for another reason than Prometheus not
     * answering (an answer that cannot be read, the pool shutting down, a bug): they say so, instead
     * of staying blank with nothing in the log.
     */
    private static ServiceDetails failed(Duration step, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        log.warn("Could not load the history of service checks: {}", cause.toString(), cause);
        String why = "the history could not be loaded (" + cause.getClass().getSimpleName() + "), see the log";
        return new ServiceDetails(step, Map.of(), Map.of(), Map.of(), why, why);
    }

    private CompletableFuture<ServiceDetails> loadAll(String server, TimeWindow window, Duration step) {
        CompletableFuture<Map<String, List<Point>>> up =
                pool.async(() -> query(Metric.SERVICE_UP, server, null, window, step));
        CompletableFuture<Map<String, List<Point>>> latency =
                pool.async(() -> query(Metric.SERVICE_LATENCY, server, null, window, step));
        CompletableFuture<Map<String, List<Uptime>>> uptime =
                pool.async(() -> uptimeQuery.uptimes(server, clock.instant()));
        return CompletableFuture.allOf(up, latency, uptime).handle((done, failure) -> {
            String chartError = error(up).or(() -> error(latency)).orElse(null);
            Map<String, List<Series>> timelines = new HashMap<>();
            Map<String, List<Series>> latencies = new HashMap<>();
            if (chartError == null) {
                up.join().forEach((name, points) -> timelines.put(name, timeline(points)));
                latency.join()
                        .forEach((name, points) -> latencies.put(name, List.of(new Series("response time", points))));
            }
            String uptimeError = error(uptime).orElse(null);
            return new ServiceDetails(
                    step,
                    timelines,
                    latencies,
                    uptimeError == null ? uptime.join() : Map.of(),
                    chartError,
                    uptimeError);
        });
    }

    /** "up" and "down" in percent of the probes, stacked to 100 %; a gap stays a gap in both. */
    static List<Series> timeline(List<Point> shares) {
        List<Point> up = new ArrayList<>();
        List<Point> down = new ArrayList<>();
        for (Point p : shares) {
            Double share = p.value();
            up.add(new Point(p.epochMillis(), share == null ? null : 100 * share));
            down.add(new Point(p.epochMillis(), share == null ? null : 100 - 100 * share));
        }
        return List.of(new Series("up", up), new Series("down", down));
    }

    private static Optional<String> error(CompletableFuture<?> future) {
        try {
            future.join();
            return Optional.empty();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof PrometheusException) {
                return Optional.ofNullable(cause.getMessage()).or(() -> Optional.of(cause.toString()));
            }
            throw e;
        }
    }
}
