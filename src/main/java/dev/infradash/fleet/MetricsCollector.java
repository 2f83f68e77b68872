package dev.infradash.fleet;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The ONE collector of the application: every refresh interval it asks Prometheus the fixed
 * {@link FleetQueries}, plus the parts other slices add ({@link CycleParts}), in a single request
 * and publishes the resulting {@link FleetSnapshot}. Browser sessions never query Prometheus;
 * they all get the same snapshot.
 *
 * <p>Cycles never overlap: they run on one scheduler thread at a fixed rate (a slow cycle delays
 * the next one instead of piling requests up), and a cycle started by hand waits for a running
 * one. When the combined query is refused (one part failing fails the whole), the cycle asks each
 * fleet part on its own, so only the failing part's values go missing. A second request per cycle
 * reads the pending and firing alerts, and {@link AlertmanagerReader} which of them are silenced.
 */
@Component
public class MetricsCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MetricsCollector.class);
    /** The key under which a failed alerts request shows in {@link FleetSnapshot#failedQueries()}. */
    static final String ALERTS = "alerts";
    /** How long stop() lets an interrupted cycle finish before the publisher it publishes to goes. */
    private static final int STOP_WAIT_SECONDS = 5;

    private final PrometheusClient prometheus;
    private final FleetQueries queries;
    private final RecordingRules recordingRules;
    private final TargetRegistry targets;
    private final FleetSnapshotPublisher publisher;
    private final List<CycleParts> slices;
    private final CollectorProperties properties;
    private final Clock clock;
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final SlowParts slowParts;
    /** Reads Alertmanager's silences once per cycle; null where a test builds a collector without it. */
    private final @Nullable AlertmanagerReader alertmanager;

    private final ReentrantLock cycleLock = new ReentrantLock();
    private final Timer cycleTimer;
    private @Nullable Schedule schedule;
    private volatile @Nullable Duration lastQueryLatency;
    private long sequence;

    public MetricsCollector(
            PrometheusClient prometheus,
            FleetQueries queries,
            RecordingRules recordingRules,
            TargetRegistry targets,
            FleetSnapshotPublisher publisher,
            List<CycleParts> slices,
            CollectorProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this(prometheus, queries, recordingRules, targets, publisher, slices, properties, clock, meters, null);
    }

    @Autowired
    public MetricsCollector(
            PrometheusClient prometheus,
            FleetQueries queries,
            RecordingRules recordingRules,
            TargetRegistry targets,
            FleetSnapshotPublisher publisher,
            List<CycleParts> slices,
            CollectorProperties properties,
            Clock clock,
            MeterRegistry meters,
            @Nullable AlertmanagerReader alertmanager) {
        this.alertmanager = alertmanager;
        this.prometheus = prometheus;
        this.queries = queries;
        this.recordingRules = recordingRules;
        this.targets = targets;
        this.publisher = publisher;
        this.slices = List.copyOf(slices);
        this.properties = properties;
        this.slowParts = new SlowParts(properties.slowPartsInterval());
        this.clock = clock;
        this.cycleTimer = Timer.builder("infradash.collector.cycle")
                .description("One collector cycle, all requests included")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("infradash.snapshot.age", this, collector -> collector.snapshotAgeSeconds())
                .description("Seconds since the last snapshot built from a Prometheus answer")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Runs one cycle now, after any cycle in progress, and returns what it published. */
    public FleetSnapshot collectNow() {
        return cycle(null);
    }

    /** @param scheduledBy the schedule running this cycle, or null for a cycle by hand */
    private FleetSnapshot cycle(@Nullable Schedule scheduledBy) {
        cycleLock.lock();
        try {
            long start = System.nanoTime();
            FleetSnapshot snapshot = collect();
            if (scheduledBy != null && scheduledBy.cancelled) {
                return snapshot; // interrupted by stop(): publishing it would report a false outage
            }
            cycleTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            publisher.publish(snapshot);
            return snapshot;
        } finally {
            cycleLock.unlock();
        }
    }

    private double snapshotAgeSeconds() {
        Instant lastSuccess = publisher.current().prometheus().lastSuccess();
        return lastSuccess == null
                ? Double.NaN
                : Duration.between(lastSuccess, clock.instant()).toMillis() / 1000.0;
    }

    /** How long the last successful fleet query took, or null before the first one. */
    public @Nullable Duration lastQueryLatency() {
        return lastQueryLatency;
    }

    private FleetSnapshot collect() {
        Instant at = clock.instant();
        TargetsState targetState = targets.current();
        FleetSnapshot previous = publisher.current();
        long next = ++sequence;
        String url = prometheus.baseUrl().toString();
        Map<CycleParts, Map<String, String>> sliceParts = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (CycleParts slice : slices) {
            Map<String, String> parts = slice.parts();
            sliceParts.put(slice, parts);
            extra.putAll(parts);
        }
        Map<FleetQuery, List<Sample>> answers;
        boolean asksSlow = slowParts.due(at, targetState.targets());
        Map<String, List<Sample>> byKey = null;
        Map<String, String> failures = new LinkedHashMap<>();
        try {
            long queryStart = System.nanoTime();
            byKey = byKey(prometheus
                    .query(queries.combined(extra, recordingRules.used(), asksSlow), at)
                    .asVector()
                    .samples());
            answers = new EnumMap<>(FleetQuery.class);
            for (FleetQuery query : FleetQuery.values()) {
                if (asksSlow || !SlowParts.SLOW.contains(query)) {
                    answers.put(query, byKey.getOrDefault(query.key(), List.of()));
                }
            }
            lastQueryLatency = Duration.ofNanos(System.nanoTime() - queryStart);
        } catch (PrometheusException e) {
            if (e.kind() != PrometheusException.Kind.QUERY_ERROR) {
                return outage(next, at, targetState, previous, url, e);
            }
            log.warn("The combined fleet query failed ({}); asking each query separately", e.getMessage());
            asksSlow = true;
            answers = new EnumMap<>(FleetQuery.class);
            for (FleetQuery query : FleetQuery.values()) {
                try {
                    answers.put(
                            query,
                            prometheus
                                    .query(queries.promql(query), at)
                                    .asVector()
                                    .samples());
                } catch (PrometheusException partFailure) {
                    if (partFailure.kind() != PrometheusException.Kind.QUERY_ERROR) {
                        return outage(next, at, targetState, previous, url, partFailure);
                    }
                    failures.put(query.key(), partFailure.getMessage());
                }
            }
        }
        answers = slowParts.complete(answers, asksSlow, at, targetState.targets());
        List<Alert> alerts = null;
        try {
            alerts = prometheus.alerts();
        } catch (PrometheusException e) {
            // Alerts missing is no outage: the values are fine, each server keeps its last alerts.
            failures.put(ALERTS, e.getMessage());
        }
        if (!previous.prometheus().reachable() && !previous.isInitial()) {
            log.info("Prometheus at {} answers again", url);
        }
        // which alerts are silenced: read once per cycle, like the alerts, whatever the number of viewers
        AlertSilencing silencing = alertmanager == null ? AlertSilencing.NONE : alertmanager.read(failures);
        FleetSnapshot fleet =
                assembler.assemble(next, at, targetState, answers, failures, alerts, silencing, previous, url);
        return byKey == null ? fleet : fleet.withDetails(details(sliceParts, byKey, fleet));
    }

    /** Each slice's answer made into values; a failing slice costs its own values, not the cycle. */
    private static Map<String, ServerDetail> details(
            Map<CycleParts, Map<String, String>> sliceParts, Map<String, List<Sample>> byKey, FleetSnapshot fleet) {
        Map<String, ServerDetail> details = new HashMap<>();
        sliceParts.forEach((slice, parts) -> {
            if (parts.isEmpty()) {
                return;
            }
            Map<String, List<Sample>> answered = new HashMap<>();
            parts.keySet().forEach(key -> answered.put(key, byKey.getOrDefault(key, List.of())));
            try {
                details.putAll(slice.answered(answered, fleet));
            } catch (RuntimeException e) {
                log.error(
                        "{} failed to take its part of the cycle's answer",
                        slice.getClass().getSimpleName(),
                        e);
            }
        });
        return details;
    }

    private FleetSnapshot outage(
            long sequence,
            Instant at,
            TargetsState targetState,
            FleetSnapshot previous,
            String url,
            PrometheusException e) {
        if (previous.prometheus().reachable()) {
            log.warn("Prometheus unreachable, showing last known values: {}", e.getMessage());
        }
        return assembler.outage(sequence, at, targetState, previous, url, e.getMessage());
    }

    /** The combined answer split by its {@code infradash_query} tag. */
    private static Map<String, List<Sample>> byKey(List<Sample> samples) {
        Map<String, List<Sample>> byKey = new HashMap<>();
        for (Sample sample : samples) {
            String key = sample.labels().get(FleetQueries.QUERY_LABEL);
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
            }
        }
        return byKey;
    }

    private void runScheduledCycle(Schedule scheduledBy) {
        if (scheduledBy.cancelled) {
            return;
        }
        try {
            cycle(scheduledBy);
        } catch (RuntimeException e) {
            // Never let one bad cycle cancel the schedule.
            log.error("Collector cycle failed", e);
        }
    }

    /**
     * Cycles run on a one-thread Spring scheduler of their own, not on a shared bean: a shared
     * pool would let other work delay the cycle, and an Executor bean would make Boot drop its
     * applicationTaskExecutor, which Vaadin looks up.
     */
    @Override
    public synchronized void start() {
        if (schedule == null) {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(1);
            scheduler.setThreadNamePrefix("infradash-collector-");
            scheduler.setDaemon(true);
            // shutdown() interrupts the running cycle, then waits for it to end
            scheduler.setWaitForTasksToCompleteOnShutdown(false);
            scheduler.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
            scheduler.initialize();
            Schedule started = new Schedule(scheduler);
            started.future =
                    scheduler.scheduleAtFixedRate(() -> runScheduledCycle(started), properties.refreshInterval());
            schedule = started;
            log.info("Collector queries {} every {}", prometheus.baseUrl(), properties.refreshInterval());
        }
    }

    @Override
    public void stop() {
        Schedule stopped;
        synchronized (this) {
            stopped = schedule;
            schedule = null;
        }
        if (stopped != null) {
            stopped.cancelled = true; // before the interrupt, so the interrupted cycle knows why
            ScheduledFuture<?> future = stopped.future;
            if (future != null) {
                future.cancel(true);
            }
            // waits for the interrupted cycle, so it ends before the publisher it publishes to is destroyed
            stopped.scheduler.shutdown();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }

    /** One start() to stop() of the schedule; a cycle it started never publishes after it is cancelled. */
    private static final class Schedule {
        private final ThreadPoolTaskScheduler scheduler;
        private volatile boolean cancelled;
        private @Nullable ScheduledFuture<?> future;

        Schedule(ThreadPoolTaskScheduler scheduler) {
            this.scheduler = scheduler;
        }
    }
}
