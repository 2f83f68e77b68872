package dev.infradash.history;

import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.ServerDetail;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * A server's history for the detail view: one query_range per chart, only when a view opens or
 * its window changes (live presets then grow from the collector's snapshots, never by polling).
 * Queries run on a small shared pool, never on a UI thread; the view gets a future.
 */
@Service
public class ServerHistory implements DisposableBean {

    private final PrometheusClient prometheus;
    private final ChartQueries queries;
    private final CollectorProperties properties;
    private final FleetSnapshotPublisher snapshots;
    private final ExecutorService pool;

    public ServerHistory(PrometheusClient prometheus, ChartQueries queries, CollectorProperties properties,
                         FleetSnapshotPublisher snapshots) {
        this.prometheus = prometheus;
        this.queries = queries;
        this.properties = properties;
        this.snapshots = snapshots;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Chart.values().length, runnable -> {
            Thread thread = new Thread(runnable, "infradash-history-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Every chart of the server for the window; GPU charts only when it has a GPU exporter. */
    public CompletableFuture<Map<Chart, ChartData>> load(String serverId, TimeWindow window) {
        boolean gpu = snapshots.current().server(serverId).map(ServerSnapshot::gpuExporterConfigured).orElse(false);
        Map<Chart, CompletableFuture<ChartData>> futures = new EnumMap<>(Chart.class);
        for (Chart chart : Chart.values()) {
            if (!chart.gpu() || gpu) {
                futures.put(chart, CompletableFuture.supplyAsync(() -> chart(serverId, chart, window), pool));
            }
        }
        return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Chart, ChartData> result = new EnumMap<>(Chart.class);
            futures.forEach((chart, future) -> result.put(chart, future.join()));
            return result;
        });
    }

    /** One chart, synchronously, at the step the window calls for. */
    public ChartData chart(String serverId, Chart chart, TimeWindow window) {
        return chart(serverId, chart, window, window.step(properties.scrapeInterval()));
    }

    /** One chart at a step the caller chose (the API's {@code step} parameter). */
    public ChartData chart(String serverId, Chart chart, TimeWindow window, Duration step) {
        // a rate window shorter than the step would skip the samples between two points
        Duration rateWindow = properties.rateWindow().compareTo(step) >= 0 ? properties.rateWindow() : step;
        String promql = queries.promql(chart, ChartQueries.oneServer(serverId), rateWindow);
        try {
            List<RangeSeries> answer = prometheus.queryRange(promql, window.from(), window.to(), step).asMatrix().series();
            Map<String, String> models = gpuModels(serverId);
            List<ChartSeries> series = new ArrayList<>();
            for (RangeSeries s : answer) {
                series.add(new ChartSeries(SeriesNames.name(chart, s.labels(), models), s.points().stream()
                        .map(p -> new ChartPoint(p.timestamp().toEpochMilli(),
                                Double.isFinite(p.value()) ? p.value() : null)).toList()));
            }
            series.sort(Comparator.comparing(ChartSeries::name, SeriesNames.READING_ORDER));
            if (chart == Chart.NETWORK) {
                series = SeriesNames.foldNetwork(series);
            }
            return new ChartData(chart, series, null);
        } catch (PrometheusException e) {
            return new ChartData(chart, List.of(), e.getMessage());
        }
    }

    /** The values of the latest live cycle for a chart, named like the history's series. */
    public Map<String, Double> liveValues(FleetSnapshot snapshot, String serverId, Chart chart,
                                          java.util.Set<String> topInterfaces) {
        ServerDetail detail = snapshot.details().get(serverId);
        if (detail == null) {
            return Map.of();
        }
        Map<String, String> models = gpuModels(serverId);
        Map<String, Double> values = new HashMap<>();
        detail.values().getOrDefault(chart, List.of()).forEach(sample -> {
            String name = SeriesNames.name(chart, sample.labels(), models);
            if (chart == Chart.NETWORK) {
                name = SeriesNames.folded(name, topInterfaces);
            }
            values.merge(name, sample.value(), Double::sum);
        });
        return values;
    }

    private Map<String, String> gpuModels(String serverId) {
        Map<String, String> models = new HashMap<>();
        snapshots.current().server(serverId).ifPresent(s -> s.gpus().forEach(g -> models.put(g.uuid(), g.model())));
        return models;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
