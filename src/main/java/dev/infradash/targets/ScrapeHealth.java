package dev.infradash.targets;

import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import dev.infradash.prometheus.ScrapeTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Prometheus' own view of the targets (up, last scrape, last error), for the settings view and
 * its "Prometheus picked it up" feedback. Read off the UI threads, and at most once per
 * {@link #MAX_AGE} however many admins have the settings open.
 */
@Service
public class ScrapeHealth implements DisposableBean {

    static final Duration MAX_AGE = Duration.ofSeconds(2);

    private final PrometheusClient prometheus;
    private final Clock clock;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "infradash-scrape-health");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable CompletableFuture<Snapshot> latest;
    private Instant latestAt = Instant.MIN;

    public ScrapeHealth(PrometheusClient prometheus, Clock clock) {
        this.prometheus = prometheus;
        this.clock = clock;
    }

    /** The targets as Prometheus reports them, fresh within {@link #MAX_AGE}. */
    public synchronized CompletableFuture<Snapshot> read() {
        Instant now = clock.instant();
        if (latest == null || Duration.between(latestAt, now).compareTo(MAX_AGE) > 0) {
            latestAt = now;
            latest = CompletableFuture.supplyAsync(() -> {
                try {
                    return new Snapshot(prometheus.targets(), null, clock.instant());
                } catch (PrometheusException e) {
                    return new Snapshot(List.of(), e.getMessage(), clock.instant());
                }
            }, reader);
        }
        return latest;
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
    }

    /**
     * @param error why Prometheus could not be asked, or null
     */
    public record Snapshot(List<ScrapeTarget> targets, @Nullable String error, Instant readAt) {

        public Snapshot {
            targets = List.copyOf(targets);
        }

        /** The target Prometheus scrapes for this exporter of this server, if it has it yet. */
        public Optional<ScrapeTarget> find(String serverId, String address) {
            return targets.stream().filter(t -> serverId.equals(t.labels().get("server"))
                    && address.equalsIgnoreCase(t.address())).findFirst();
        }
    }
}
