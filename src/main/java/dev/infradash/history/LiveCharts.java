package dev.infradash.history;

import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.CycleParts;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.ServerDetail;
import dev.infradash.prometheus.Sample;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The live part of the detail views' charts: for the servers open in a view somewhere, every
 * chart's query rides on the collector's one request per cycle (all watched servers in one
 * selector), and the answer is named and folded here, once per cycle, exactly as the history
 * load names and folds it. Views only append the values the snapshot carries.
 */
@Component
public class LiveCharts implements CycleParts {

    private final ServerWatch watch;
    private final ChartQueries queries;
    private final ServerHistory history;
    private final CollectorProperties properties;

    public LiveCharts(ServerWatch watch, ChartQueries queries, ServerHistory history, CollectorProperties properties) {
        this.watch = watch;
        this.queries = queries;
        this.history = history;
        this.properties = properties;
    }

    /** The key of a chart's live part in the cycle's query and of its values in a {@link ServerDetail}. */
    static String key(Chart chart) {
        return ChartQueries.liveKey(chart);
    }

    @Override
    public Map<String, String> parts() {
        Set<String> watched = watch.watched();
        if (watched.isEmpty()) {
            return Map.of();
        }
        String selector = ChartQueries.servers(watched);
        Map<String, String> parts = new LinkedHashMap<>();
        for (Chart chart : Chart.values()) {
            parts.put(key(chart), queries.promql(chart, selector, properties.rateWindow()));
        }
        return parts;
    }

    @Override
    public Map<String, ServerDetail> answered(Map<String, List<Sample>> answers, FleetSnapshot fleet) {
        Map<String, Map<String, Map<String, Double>>> byServer = new HashMap<>();
        Map<String, Map<String, String>> models = new HashMap<>();
        for (Chart chart : Chart.values()) {
            for (Sample sample : answers.getOrDefault(key(chart), List.of())) {
                String server = sample.labels().get("server");
                if (server == null) {
                    continue;
                }
                Map<String, String> gpuModels = models.computeIfAbsent(
                        server, id -> ServerHistory.gpuModels(fleet.server(id).orElse(null)));
                String name = SeriesNames.name(chart, sample.labels(), gpuModels);
                if (chart == Chart.NETWORK) {
                    name = SeriesNames.folded(name, history.topInterfaces(server));
                }
                byServer.computeIfAbsent(server, id -> new HashMap<>())
                        .computeIfAbsent(key(chart), k -> new HashMap<>())
                        .merge(name, sample.value(), Double::sum);
            }
        }
        Map<String, ServerDetail> details = new HashMap<>();
        byServer.forEach((server, charts) -> details.put(
                server,
                new ServerDetail(
                        Objects.requireNonNull(fleet.collectedAt(), "a cycle's snapshot has its time"), charts)));
        return details;
    }

    /** The live values of one chart in a snapshot's detail, by series name. */
    public static Map<String, Double> values(ServerDetail detail, Chart chart) {
        return detail.chart(key(chart));
    }
}
