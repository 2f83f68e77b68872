package dev.infradash.alerting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.infradash.prometheus.PrometheusClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * What fired and when it resolved, from Prometheus' own {@code ALERTS} series: one range query
 * when someone opens or filters the history, then served from a short cache to every viewer and
 * API caller (filters apply to the cached answer), so N viewers do not make N requests. Queries
 * run on a one-thread pool of this service's own (no bean: see ServerHistory), never on a UI thread.
 */
@Service
public class AlertHistory implements DisposableBean {

    /** Every firing, at most one step late: max over each step catches firings shorter than a step. */
    static String promql(HistoryRange range) {
        return "max_over_time(ALERTS{alertstate=\"firing\"}[" + range.step().toSeconds() + "s])";
    }

    private final PrometheusClient prometheus;
    private final Clock clock;
    private final Cache<HistoryRange, Page> cache;
    private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();

    AlertHistory(PrometheusClient prometheus, Clock clock, AlertingProperties properties) {
        this.prometheus = prometheus;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.historyCache())
                .maximumSize(HistoryRange.values().length)
                .build();
        pool.setCorePoolSize(1);
        pool.setMaxPoolSize(1);
        pool.setThreadNamePrefix("infradash-alert-history-");
        pool.setDaemon(true);
        pool.initialize();
    }

    /**
     * The range's intervals, filtered; blocks for at most one Prometheus request, shared with any
     * concurrent caller of the same range. {@code PrometheusException} when Prometheus cannot answer.
     */
    public Page history(HistoryRange range, @Nullable String server, @Nullable String severity) {
        return cache.get(range, this::load).filtered(server, severity);
    }

    /** {@link #history} off the caller's thread, for views. */
    public CompletableFuture<Page> load(HistoryRange range, @Nullable String server, @Nullable String severity) {
        return CompletableFuture.supplyAsync(() -> history(range, server, severity), pool);
    }

    private Page load(HistoryRange range) {
        Duration step = range.step();
        long stepSeconds = step.toSeconds();
        // aligned to the step, so two reads of the same range ask for the same points
        Instant end = Instant.ofEpochSecond(clock.instant().getEpochSecond() / stepSeconds * stepSeconds);
        Instant start = end.minus(range.length());
        List<AlertInterval> intervals = IntervalFolder.fold(
                prometheus
                        .queryRange(promql(range), start, end, step)
                        .asMatrix()
                        .series(),
                step,
                end);
        return new Page(range, start, end, intervals);
    }

    @Override
    public void destroy() {
        pool.shutdown();
    }

    /**
     * One read of the history.
     *
     * @param from      the range's first step
     * @param to        its last step: an interval reaching it still fires
     * @param intervals newest first
     */
    public record Page(HistoryRange range, Instant from, Instant to, List<AlertInterval> intervals) {
        public Page {
            intervals = List.copyOf(intervals);
        }

        Page filtered(@Nullable String server, @Nullable String severity) {
            if ((server == null || server.isEmpty()) && (severity == null || severity.isEmpty())) {
                return this;
            }
            return new Page(
                    range,
                    from,
                    to,
                    intervals.stream()
                            .filter(i -> server == null
                                    || server.isEmpty()
                                    || i.server().equals(server))
                            .filter(i -> severity == null
                                    || severity.isEmpty()
                                    || i.severity().equals(severity))
                            .toList());
        }
    }
}
