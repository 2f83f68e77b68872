package dev.infradash.fleet;

import dev.infradash.history.Chart;
import dev.infradash.history.ChartQueries;
import dev.infradash.history.ServerWatch;

import dev.infradash.prometheus.Alert;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import dev.infradash.prometheus.Sample;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The ONE collector of the application: every refresh interval it asks Prometheus the fixed
 * {@link FleetQueries} in a single request and publishes the resulting {@link FleetSnapshot}.
 * Browser sessions never query Prometheus; they all get the same snapshot.
 *
 * <p>Cycles never overlap: they run on one scheduler thread at a fixed rate (a slow cycle delays
 * the next one instead of piling requests up), and a cycle started by hand waits for a running
 * one. When the combined query is refused (one part failing fails the whole), the cycle asks each
 * part on its own, so only the failing part's values go missing. A second request per cycle reads
 * the pending and firing alerts.
 */
@Component
public class MetricsCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MetricsCollector.class);
    /** The key under which a failed alerts request shows in {@link FleetSnapshot#failedQueries()}. */
    static final String ALERTS = "alerts";

    private final PrometheusClient prometheus;
    private final FleetQueries queries;
    private final TargetRegistry targets;
    private final FleetSnapshotPublisher publisher;
    private final ServerWatch watch;
    private final CollectorProperties properties;
    private final Clock clock;
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final ReentrantLock cycleLock = new ReentrantLock();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxConcurrentCycles = new AtomicInteger();
    private final MeterRegistry meters;
    private final Timer cycleTimer;
    private @Nullable ScheduledExecutorService scheduler;
    private volatile @Nullable Duration lastQueryLatency;
    /** Set by stop(): a scheduled cycle interrupted by it is cancelled, not an outage. */
    private volatile boolean stopping;
    private long sequence;

    public MetricsCollector(PrometheusClient prometheus, FleetQueries queries, TargetRegistry targets,
                            FleetSnapshotPublisher publisher, ServerWatch watch, CollectorProperties properties,
                            Clock clock, MeterRegistry meters) {
        this.prometheus = prometheus;
        this.watch = watch;
        this.meters = meters;
        this.cycleTimer = Timer.builder("infradash.collector.cycle").description("One collector cycle, all requests included")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("infradash.snapshot.age", this, collector -> collector.snapshotAgeSeconds())
                .description("Seconds since the last snapshot built from a Prometheus answer").baseUnit("seconds")
                .register(meters);
        this.queries = queries;
        this.targets = targets;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs one cycle now, after any cycle in progress, and returns what it published. */
    public FleetSnapshot collectNow() {
        return cycle(false);
    }

    private FleetSnapshot cycle(boolean scheduled) {
        cycleLock.lock();
        int concurrent = running.incrementAndGet();
        maxConcurrentCycles.accumulateAndGet(concurrent, Math::max);
        long start = System.nanoTime();
        try {
            FleetSnapshot snapshot = collect();
            if (scheduled && stopping) {
                return snapshot; // interrupted by stop(): publishing it would report a false outage
            }
            cycleTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            publisher.publish(snapshot);
            return snapshot;
        } finally {
            running.decrementAndGet();
            cycleLock.unlock();
        }
    }

    private double snapshotAgeSeconds() {
        Instant lastSuccess = publisher.current().prometheus().lastSuccess();
        return lastSuccess == null ? Double.NaN : Duration.between(lastSuccess, clock.instant()).toMillis() / 1000.0;
    }

    /** How long the last successful fleet query took, or null before the first one. */
    public @Nullable Duration lastQueryLatency() {
        return lastQueryLatency;
    }

    /** The most cycles ever seen running at once; anything but 1 is a bug. */
    public int maxConcurrentCycles() {
        return maxConcurrentCycles.get();
    }

    private FleetSnapshot collect() {
        Instant at = clock.instant();
        TargetsState targetState = targets.current();
        FleetSnapshot previous = publisher.current();
        long next = ++sequence;
        String url = prometheus.baseUrl().toString();
        Map<FleetQuery, List<Sample>> answers;
        Map<Chart, List<Sample>> charts = Map.of();
        Map<String, String> failures = new LinkedHashMap<>();
        try {
            long queryStart = System.nanoTime();
            List<Sample> samples = timed("query", () -> prometheus.query(queries.combined(watch.watched()), at))
                    .asVector().samples();
            answers = split(samples);
            charts = splitCharts(samples);
            lastQueryLatency = Duration.ofNanos(System.nanoTime() - queryStart);
        } catch (PrometheusException e) {
            if (e.kind() != PrometheusException.Kind.QUERY_ERROR) {
                return outage(next, at, targetState, previous, url, e);
            }
            log.warn("The combined fleet query failed ({}); asking each query separately", e.getMessage());
            answers = new EnumMap<>(FleetQuery.class);
            for (FleetQuery query : FleetQuery.values()) {
                try {
                    answers.put(query, timed("query_part", () -> prometheus.query(queries.promql(query), at))
                            .asVector().samples());
                } catch (PrometheusException partFailure) {
                    if (partFailure.kind() != PrometheusException.Kind.QUERY_ERROR) {
                        return outage(next, at, targetState, previous, url, partFailure);
                    }
                    failures.put(query.key(), partFailure.getMessage());
                }
            }
        }
        List<Alert> alerts = null;
        try {
            alerts = timed("alerts", prometheus::alerts);
        } catch (PrometheusException e) {
            // Alerts missing is no outage: the values are fine, each server keeps its last alerts.
            failures.put(ALERTS, e.getMessage());
        }
        if (!previous.prometheus().reachable() && !previous.isInitial()) {
            log.info("Prometheus at {} answers again", url);
        }
        return assembler.assemble(next, at, targetState, answers, charts, failures, alerts, previous, url);
    }

    private FleetSnapshot outage(long sequence, Instant at, TargetsState targetState, FleetSnapshot previous,
                                 String url, PrometheusException e) {
        if (previous.prometheus().reachable()) {
            log.warn("Prometheus unreachable, showing last known values: {}", e.getMessage());
        }
        return assembler.outage(sequence, at, targetState, previous, url, e.getMessage());
    }

    /** Times one Prometheus request and counts its failures by kind, for /actuator/prometheus. */
    private <T> T timed(String endpoint, Supplier<T> request) {
        long start = System.nanoTime();
        String outcome = "success";
        try {
            return request.get();
        } catch (PrometheusException e) {
            outcome = e.kind().name().toLowerCase(Locale.ROOT);
            meters.counter("infradash.prometheus.errors", "endpoint", endpoint, "kind", outcome).increment();
            throw e;
        } finally {
            meters.timer("infradash.prometheus.requests", "endpoint", endpoint, "outcome", outcome)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static Map<Chart, List<Sample>> splitCharts(List<Sample> samples) {
        Map<String, Chart> byKey = new java.util.HashMap<>();
        for (Chart chart : Chart.values()) {
            byKey.put(ChartQueries.liveKey(chart), chart);
        }
        Map<Chart, List<Sample>> charts = new EnumMap<>(Chart.class);
        for (Sample sample : samples) {
            Chart chart = byKey.get(sample.labels().get(FleetQueries.QUERY_LABEL));
            if (chart != null) {
                charts.computeIfAbsent(chart, k -> new ArrayList<>()).add(sample);
            }
        }
        return charts;
    }

    private static Map<FleetQuery, List<Sample>> split(List<Sample> samples) {
        Map<FleetQuery, List<Sample>> answers = new EnumMap<>(FleetQuery.class);
        for (FleetQuery query : FleetQuery.values()) {
            answers.put(query, new ArrayList<>());
        }
        Map<String, FleetQuery> byKey = new java.util.HashMap<>();
        for (FleetQuery query : FleetQuery.values()) {
            byKey.put(query.key(), query);
        }
        for (Sample sample : samples) {
            FleetQuery query = byKey.get(sample.labels().get(FleetQueries.QUERY_LABEL));
            if (query != null) {
                answers.computeIfAbsent(query, q -> new ArrayList<>()).add(sample);
            }
        }
        return answers;
    }

    private void runScheduledCycle() {
        try {
            cycle(true);
        } catch (RuntimeException e) {
            // Never let one bad cycle cancel the schedule.
            log.error("Collector cycle failed", e);
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "infradash-collector");
                thread.setDaemon(true);
                return thread;
            });
            long period = properties.refreshInterval().toMillis();
            scheduler.scheduleAtFixedRate(this::runScheduledCycle, 0, period, TimeUnit.MILLISECONDS);
            log.info("Collector queries {} every {}", prometheus.baseUrl(), properties.refreshInterval());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopped;
        synchronized (this) {
            stopped = scheduler;
            scheduler = null;
            stopping = stopped != null;
        }
        if (stopped == null) {
            return;
        }
        stopped.shutdownNow();
        try {
            // let the interrupted cycle end before the publisher it publishes to is destroyed
            if (!stopped.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("A collector cycle was still running 5 s after stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopping = false;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
