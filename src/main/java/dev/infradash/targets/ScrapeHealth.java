package dev.infradash.targets;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.infradash.base.ClockTicker;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Prometheus' own view of the targets (up, last scrape, last error), for the settings view and
 * its "Prometheus picked it up" feedback. Read off the UI threads, and at most once per
 * {@link #MAX_AGE} however many admins have the settings open: a one-entry Caffeine cache whose
 * callers share the read in flight.
 */
@Service
public class ScrapeHealth implements DisposableBean {

    static final Duration MAX_AGE = Duration.ofSeconds(2);
    private static final String TARGETS = "targets";

    private final PrometheusClient prometheus;
    private final Clock clock;
    private final ThreadPoolTaskExecutor reader;
    private final AsyncLoadingCache<String, Snapshot> latest;

    /**
     * @param executors Boot's builder (spring.task.execution.*). A pool of its own rather than the
     *                  shared application executor: a Prometheus that hangs until the HTTP timeout
     *                  then blocks only this read, and any number of Executor beans elsewhere
     *                  cannot take it away.
     */
    public ScrapeHealth(PrometheusClient prometheus, Clock clock, ThreadPoolTaskExecutorBuilder executors) {
        this.prometheus = prometheus;
        this.clock = clock;
        this.reader = executors
                .corePoolSize(1)
                .maxPoolSize(1)
                .threadNamePrefix("infradash-scrape-health-")
                .build();
        this.reader.setDaemon(true);
        this.reader.initialize();
        this.latest = Caffeine.newBuilder()
                .expireAfterWrite(MAX_AGE)
                .ticker(new ClockTicker(clock))
                .executor(reader)
                .buildAsync(key -> load());
    }

    /**
     * What a query backend without Prometheus' targets API is told instead of "HTTP 404": it is
     * not broken, it just does not scrape (the scraping side knows the targets).
     */
    static final String NO_TARGETS_API = "This query backend has no /api/v1/targets (Thanos, Mimir and a"
            + " VictoriaMetrics cluster have none), so scrape health is unknown here; the Prometheus, vmagent or"
            + " Grafana Agent that scrapes the targets shows it.";

    /** The targets as Prometheus reports them, fresh within {@link #MAX_AGE}. */
    public CompletableFuture<Snapshot> read() {
        return latest.get(TARGETS);
    }

    private Snapshot load() {
        try {
            return new Snapshot(
                    prometheus.targets().stream().map(ScrapeStatus::of).toList(), null, clock.instant());
        } catch (PrometheusException e) {
            return new Snapshot(List.of(), e.httpStatus() == 404 ? NO_TARGETS_API : e.getMessage(), clock.instant());
        }
    }

    @Override
    public void destroy() {
        reader.shutdown();
    }

    /**
     * @param error why Prometheus could not be asked, or null
     */
    public record Snapshot(
            List<ScrapeStatus> targets, @Nullable String error, Instant readAt) {

        public Snapshot {
            targets = List.copyOf(targets);
        }

        /** The target Prometheus scrapes for this exporter of this server, if it has it yet. */
        public Optional<ScrapeStatus> find(String serverId, String address) {
            return targets.stream()
                    .filter(t -> serverId.equals(t.server()) && address.equalsIgnoreCase(t.address()))
                    .findFirst();
        }
    }
}
