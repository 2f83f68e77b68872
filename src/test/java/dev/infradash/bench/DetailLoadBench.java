package dev.infradash.bench;

import static dev.infradash.bench.InfradashBench.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.fleet.CollectorProperties;
import dev.infradash.history.Chart;
import dev.infradash.history.ChartQueries;
import dev.infradash.history.TimeWindow;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.prometheus.RangeSeries;
import dev.infradash.testsupport.PrometheusStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where a detail view's load goes, server side ({@code scripts/bench.sh detail}): the bench's fleet
 * (BENCH_N, default 500) on 127.0.0.1 and no app; for srv-000 (node_exporter and GPU stub) every
 * chart's range query exactly as {@code ServerHistory} sends it, for 1 h and 7 d, at the old cap of
 * 1,000 points per series and at one point per pixel of a chart in a 1,280 px window (640 px, as
 * the bench's Chromium lays the grid out). Per load, medians of BENCH_DETAIL_RUNS (default 5):
 * Prometheus' own evaluation time (stats=all) summed over the charts, the wall of all charts asked
 * at once (as the view's pool does), the app's client (HTTP + JSON decode into series), the JSON
 * decode alone, and what the series weigh as the chart component's JSON pushed to the browser.
 * Drawing is measured in Chromium by the grid ({@code scripts/bench.sh}: detail 7d draw ms).
 */
public final class DetailLoadBench {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "srv-000";

    /** One chart's query, measured once. */
    record ChartCost(
            double evalMs,
            double rawWallMs,
            double clientWallMs,
            double decodeMs,
            int bytes,
            int points,
            int pushBytes) {}

    /** One whole load (every chart), measured once. */
    record LoadCost(
            double evalMs,
            double parallelWallMs,
            double clientWallMs,
            double decodeMs,
            int bytes,
            int points,
            int pushBytes) {}

    public static void main(String[] args) throws Exception {
        InfradashBench.Config config = InfradashBench.Config.fromEnv(new String[] {"grid"});
        int n = Integer.parseInt(
                System.getenv().getOrDefault("BENCH_N", "500").split(",")[0].trim());
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_DETAIL_RUNS", "5"));
        List<Integer> widths = Arrays.stream(System.getenv()
                        .getOrDefault("BENCH_DETAIL_POINTS", "1000,640")
                        .split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        CollectorProperties properties = InfradashBench.collectorProperties(config);
        ChartQueries queries = new ChartQueries(properties);
        List<String> lines = new ArrayList<>();
        try (InfradashBench.Fleet fleet = InfradashBench.startFleet(n, config.scrape());
                PrometheusClient client = new PrometheusClient(
                        PrometheusProperties.of(fleet.stack().prometheusUrl()))) {
            PrometheusStack stack = fleet.stack();
            long settle = config.scrape().toMillis() * 4;
            log("N=%d: waiting %d s for enough samples for rate()", n, settle / 1000);
            Thread.sleep(settle);
            ExecutorService pool = Executors.newFixedThreadPool(Chart.values().length);
            try {
                for (TimeWindow.Preset preset : List.of(TimeWindow.Preset.H1, TimeWindow.Preset.D7)) {
                    for (int points : widths) {
                        List<LoadCost> loads = new ArrayList<>();
                        Duration step = Duration.ZERO;
                        for (int run = 0; run < runs; run++) {
                            TimeWindow window = TimeWindow.live(preset, Instant.now());
                            step = window.step(properties.scrapeInterval(), points);
                            loads.add(load(stack, client, queries, properties, window, step, pool));
                        }
                        LoadCost m = median(loads);
                        lines.add(String.format(
                                Locale.ROOT,
                                "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %d | %.0f |",
                                preset.label(),
                                points,
                                step.toSeconds(),
                                m.evalMs(),
                                m.parallelWallMs(),
                                m.clientWallMs(),
                                m.decodeMs(),
                                m.bytes() / 1024.0,
                                m.points(),
                                m.pushBytes() / 1024.0));
                        log("%s", lines.get(lines.size() - 1));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf(
                    "%nDetail view load of %s at N=%d, %d runs each, medians; %d charts (GPU ones included);"
                            + " Prometheus %s, scrape %ds, its data as old as this run:%n%n",
                    SERVER,
                    n,
                    runs,
                    Chart.values().length,
                    stack.prometheusUrl(),
                    config.scrape().toSeconds());
        }
        System.out.println("| range | max points per series | step s | Prometheus eval ms (sum of charts)"
                + " | all charts at once, wall ms | app client ms (sum: HTTP + decode) | JSON decode ms (sum)"
                + " | response KB | points (all series) | push KB (series JSON) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static LoadCost load(
            PrometheusStack stack,
            PrometheusClient client,
            ChartQueries queries,
            CollectorProperties properties,
            TimeWindow window,
            Duration step,
            ExecutorService pool)
            throws Exception {
        Duration rateWindow = properties.rateWindow().compareTo(step) >= 0 ? properties.rateWindow() : step;
        Map<Chart, String> promql = new LinkedHashMap<>();
        for (Chart chart : Chart.values()) {
            promql.put(chart, queries.promql(chart, ChartQueries.oneServer(SERVER), rateWindow));
        }
        // the view's way: every chart at once on a pool, through the app's client
        long t0 = System.nanoTime();
        List<CompletableFuture<MatrixAnswer>> all = promql.values().stream()
                .map(q -> CompletableFuture.supplyAsync(() -> ask(client, q, window, step), pool))
                .toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double parallel = (System.nanoTime() - t0) / 1e6;
        // then each chart alone, for the parts
        double eval = 0, client1 = 0, decode = 0;
        int bytes = 0, points = 0, push = 0;
        for (String q : promql.values()) {
            ChartCost c = measure(stack, client, q, window, step);
            eval += c.evalMs();
            client1 += c.clientWallMs();
            decode += c.decodeMs();
            bytes += c.bytes();
            points += c.points();
            push += c.pushBytes();
        }
        return new LoadCost(eval, parallel, client1, decode, bytes, points, push);
    }

    record MatrixAnswer(List<RangeSeries> series, double wallMs) {}

    private static MatrixAnswer ask(PrometheusClient client, String promql, TimeWindow window, Duration step) {
        long t0 = System.nanoTime();
        List<RangeSeries> series = client.queryRange(promql, window.from(), window.to(), step)
                .asMatrix()
                .series();
        return new MatrixAnswer(series, (System.nanoTime() - t0) / 1e6);
    }

    private static ChartCost measure(
            PrometheusStack stack, PrometheusClient client, String promql, TimeWindow window, Duration step)
            throws Exception {
        URI uri = stack.prometheusUrl().resolve("/api/v1/query_range");
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + window.from().getEpochSecond()
                + "&end=" + window.to().getEpochSecond()
                + "&step=" + step.toSeconds()
                + "&stats=all";
        long t0 = System.nanoTime();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double rawWall = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + response.body());
        }
        long d0 = System.nanoTime();
        JsonNode body = JSON.readTree(response.body());
        double decode = (System.nanoTime() - d0) / 1e6;
        double eval = body.path("data")
                        .path("stats")
                        .path("timings")
                        .path("evalTotalTime")
                        .asDouble(Double.NaN)
                * 1000;
        MatrixAnswer answer = ask(client, promql, window, step);
        int points = answer.series().stream().mapToInt(s -> s.points().size()).sum();
        // what the chart component sends: [{name, data: [[epochMillis, value], ...]}]
        List<Map<String, Object>> pushed = answer.series().stream()
                .map(s -> Map.<String, Object>of(
                        "name",
                        s.labels().toString(),
                        "data",
                        s.points().stream()
                                .map(p -> List.of(p.timestamp().toEpochMilli(), p.value()))
                                .toList()))
                .toList();
        int pushBytes = JSON.writeValueAsBytes(pushed).length;
        return new ChartCost(
                eval, rawWall, answer.wallMs(), decode, response.body().length(), points, pushBytes);
    }

    private static LoadCost median(List<LoadCost> runs) {
        return new LoadCost(
                mid(runs.stream().mapToDouble(LoadCost::evalMs).toArray()),
                mid(runs.stream().mapToDouble(LoadCost::parallelWallMs).toArray()),
                mid(runs.stream().mapToDouble(LoadCost::clientWallMs).toArray()),
                mid(runs.stream().mapToDouble(LoadCost::decodeMs).toArray()),
                runs.get(runs.size() - 1).bytes(),
                runs.get(runs.size() - 1).points(),
                runs.get(runs.size() - 1).pushBytes());
    }

    private static double mid(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
