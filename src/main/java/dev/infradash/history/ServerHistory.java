package dev.infradash.history;

import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Series;
import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import dev.infradash.prometheus.RangeSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * A server's history for the detail view: one query_range per chart, only when a view opens or
 * its window changes (live presets then grow from the collector's snapshots, never by polling).
 * Queries run on a small pool of this service's own, never on a UI thread; the view gets a future.
 * The pool is no bean: an Executor bean would make Boot drop its applicationTaskExecutor, which
 * Vaadin looks up.
 */
@Service
public class ServerHistory implements DisposableBean {

    private final PrometheusClient prometheus;
    private final ChartQueries queries;
    private final CollectorProperties properties;
    private final FleetSnapshotPublisher snapshots;
    private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
    /** Per server, the interfaces its latest loaded network chart draws by name: live points fold the same way. */
    private final Map<String, Set<String>> topInterfaces = new ConcurrentHashMap<>();

    public ServerHistory(
            PrometheusClient prometheus,
            ChartQueries queries,
            CollectorProperties properties,
            FleetSnapshotPublisher snapshots) {
        this.prometheus = prometheus;
        this.queries = queries;
        this.properties = properties;
        this.snapshots = snapshots;
        pool.setCorePoolSize(Chart.values().length + 1); // one view's load asks every chart at once
        pool.setMaxPoolSize(Chart.values().length + 1); // and its filesystem table
        pool.setThreadNamePrefix("infradash-history-");
        pool.setDaemon(true);
        pool.initialize();
    }

    /** Every chart of the server for the window; GPU charts only when it has a GPU exporter. */
    public CompletableFuture<Map<Chart, ChartData>> load(String serverId, TimeWindow window) {
        return load(serverId, window, TimeWindow.MAX_POINTS);
    }

    /** As {@link #load(String, TimeWindow)}, at most {@code points} points per series: the charts' width in px. */
    public CompletableFuture<Map<Chart, ChartData>> load(String serverId, TimeWindow window, int points) {
        Duration step = step(window, points);
        boolean gpu = snapshots
                .current()
                .server(serverId)
                .map(ServerSnapshot::gpuExporterConfigured)
                .orElse(false);
        Map<Chart, CompletableFuture<ChartData>> futures = new EnumMap<>(Chart.class);
        for (Chart chart : Chart.values()) {
            if (!chart.gpu() || gpu) {
                futures.put(chart, CompletableFuture.supplyAsync(() -> chart(serverId, chart, window, step), pool));
            }
        }
        return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<Chart, ChartData> result = new EnumMap<>(Chart.class);
                    futures.forEach((chart, future) -> result.put(chart, future.join()));
                    ChartData network = result.get(Chart.NETWORK);
                    topInterfaces.put(
                            serverId,
                            network == null ? java.util.Set.of() : SeriesNames.shownInterfaces(network.series()));
                    return result;
                });
    }

    /** The interfaces the server's latest loaded network chart draws by name; empty before a load. */
    Set<String> topInterfaces(String serverId) {
        return topInterfaces.getOrDefault(serverId, Set.of());
    }

    /** One chart, synchronously, at the step the window calls for. */
    public ChartData chart(String serverId, Chart chart, TimeWindow window) {
        return chart(serverId, chart, window, step(window));
    }

    /** The resolution the window's charts are drawn at; live points are appended no finer. */
    public Duration step(TimeWindow window) {
        return window.step(properties.scrapeInterval());
    }

    /** As {@link #step(TimeWindow)} for charts {@code points} pixels wide. */
    public Duration step(TimeWindow window, int points) {
        return window.step(properties.scrapeInterval(), points);
    }

    /** Runs other on-demand work of a detail view (its filesystem table) on this service's pool. */
    <T> CompletableFuture<T> async(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, pool);
    }

    /** One chart at a step the caller chose (the API's {@code step} parameter). */
    public ChartData chart(String serverId, Chart chart, TimeWindow window, Duration step) {
        // a rate window shorter than the step would skip the samples between two points
        Duration rateWindow = properties.rateWindow().compareTo(step) >= 0 ? properties.rateWindow() : step;
        String promql = queries.promql(chart, ChartQueries.oneServer(serverId), rateWindow);
        try {
            List<RangeSeries> answer = prometheus
                    .queryRange(promql, window.from(), window.to(), step)
                    .asMatrix()
                    .series();
            Map<String, String> models =
                    gpuModels(snapshots.current().server(serverId).orElse(null));
            List<Series> series = new ArrayList<>();
            for (RangeSeries s : answer) {
                series.add(new Series(
                        SeriesNames.name(chart, s.labels(), models),
                        s.points().stream()
                                .map(p -> Point.of(p.timestamp(), p.value()))
                                .toList()));
            }
            if (chart == Chart.NETWORK) {
                series = SeriesNames.foldNetwork(series);
            }
            // the same order whatever the range, so legends and colours do not reshuffle
            series.sort(Comparator.comparing(Series::name, SeriesNames.STABLE_ORDER));
            return new ChartData(chart, series, null);
        } catch (PrometheusException e) {
            return new ChartData(chart, List.of(), e.getMessage());
        }
    }

    /** GPU uuid to model, as the fleet snapshot knows them; series are named by model. */
    static Map<String, String> gpuModels(@Nullable ServerSnapshot server) {
        Map<String, String> models = new HashMap<>();
        if (server != null) {
            server.gpus().forEach(g -> models.put(g.uuid(), g.model()));
        }
        return models;
    }

    @Override
    public void destroy() {
        pool.shutdown();
    }
}
