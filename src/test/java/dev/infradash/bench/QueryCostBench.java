package dev.infradash.bench;

import static dev.infradash.bench.InfradashBench.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.fleet.FleetQueries;
import dev.infradash.fleet.FleetQueryParts;
import dev.infradash.testsupport.PrometheusStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each part of the collector's one combined query costs Prometheus at fleet size N
 * ({@code scripts/bench.sh queries}; BENCH_N, default 500, a list such as 500,2000 measures each in turn;
 * BENCH_QUERY_RUNS, default 10). Starts
 * the bench's fleet on 127.0.0.1 and no app: each part and the combined query are sent alone,
 * in turns, with {@code stats=all}, and the table shows Prometheus' own evaluation time next to
 * the time the client waited (evaluation plus JSON encoding and transfer). The stack loads the
 * shipped recording rules, so "combined, recorded series" is what a cycle costs with them (and
 * "no slow parts" what the 11 cycles between the once-a-minute slow parts cost).
 */
public final class QueryCostBench {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Cost(String name, double wallMs, double evalMs, int series, int bytes) {}

    public static void main(String[] args) throws Exception {
        InfradashBench.Config config = InfradashBench.Config.fromEnv(new String[] {"grid"});
        List<Integer> ns = java.util.Arrays.stream(
                        System.getenv().getOrDefault("BENCH_N", "500").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Integer::parseInt)
                .toList();
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_QUERY_RUNS", "10"));
        FleetQueries queries = InfradashBench.fleetQueries(config);
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("combined, raw expressions", queries.combined());
        // what a cycle sends once Prometheus evaluates prometheus/rules/infradash-recording.yml (issue 16),
        // once a minute (with the slow parts) and in the 11 cycles between (without them)
        String recorded = queries.combined(Map.of(), true);
        parts.put("combined, recorded series (a cycle a minute)", recorded);
        parts.put(
                "combined, recorded series, no slow parts (11 cycles of 12)", queries.combined(Map.of(), true, false));
        // the same before the recorded selectors lost their __name__: the A/B of that change, same run
        parts.put(
                "combined, recorded series keeping __name__",
                RECORDED_NAME_DROP.matcher(recorded).replaceAll("$1"));
        parts.putAll(FleetQueryParts.byKey(queries));
        List<String> tables = new ArrayList<>();
        for (int n : ns) {
            tables.add(measureFleet(config, n, runs, parts));
            System.out.println(tables.get(tables.size() - 1));
        }
        System.out.println();
        tables.forEach(System.out::println);
        System.exit(0);
    }

    private static final java.util.regex.Pattern RECORDED_NAME_DROP = java.util.regex.Pattern.compile(
            "label_replace\\((infradash:[a-z0-9_]+), \"__name__\", \"\", \"\", \"\"\\)");

    private static String measureFleet(InfradashBench.Config config, int n, int runs, Map<String, String> parts)
            throws Exception {
        try (InfradashBench.Fleet fleet = InfradashBench.startFleet(n, config.scrape())) {
            PrometheusStack stack = fleet.stack();
            // rate() needs two samples in its window; four scrapes leave no part empty
            long settle = config.scrape().toMillis() * 4;
            log("N=%d: waiting %d s for enough samples for rate()", n, settle / 1000);
            Thread.sleep(settle);
            URI uri = stack.prometheusUrl().resolve("/api/v1/query");
            Map<String, List<Cost>> costs = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (Map.Entry<String, String> part : parts.entrySet()) {
                    costs.computeIfAbsent(part.getKey(), k -> new ArrayList<>())
                            .add(measure(uri, part.getKey(), part.getValue()));
                }
            }
            List<Cost> medians = costs.values().stream()
                    .map(QueryCostBench::median)
                    .sorted(Comparator.comparingDouble(Cost::evalMs).reversed())
                    .toList();
            StringBuilder out = new StringBuilder();
            out.append(String.format(
                    Locale.ROOT,
                    "%nN=%d, %d runs each, medians (Prometheus %s on 127.0.0.1, scrape %ds):%n%n",
                    n,
                    runs,
                    stack.prometheusUrl(),
                    config.scrape().toSeconds()));
            out.append("| query | Prometheus eval ms | client wall ms | series | response KB |\n");
            out.append("|---|---|---|---|---|\n");
            for (Cost c : medians) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %.1f | %.1f | %d | %.0f |%n",
                        c.name(),
                        c.evalMs(),
                        c.wallMs(),
                        c.series(),
                        c.bytes() / 1024.0));
            }
            double sumParts = medians.stream()
                    .filter(c -> !c.name().startsWith("combined"))
                    .mapToDouble(Cost::evalMs)
                    .sum();
            out.append(String.format(Locale.ROOT, "%nN=%d: sum of the parts' eval: %.1f ms%n", n, sumParts));
            return out.toString();
        }
    }

    private static Cost measure(URI uri, String name, String promql) throws Exception {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&stats=all";
        long t0 = System.nanoTime();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double wall = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + ": HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        JsonNode timings = body.path("data").path("stats").path("timings");
        double eval = timings.path("evalTotalTime").asDouble(Double.NaN) * 1000;
        return new Cost(
                name,
                wall,
                eval,
                body.path("data").path("result").size(),
                response.body().length());
    }

    private static Cost median(List<Cost> runs) {
        List<Cost> byWall =
                runs.stream().sorted(Comparator.comparingDouble(Cost::wallMs)).toList();
        List<Cost> byEval =
                runs.stream().sorted(Comparator.comparingDouble(Cost::evalMs)).toList();
        Cost mid = byWall.get(byWall.size() / 2);
        return new Cost(mid.name(), mid.wallMs(), byEval.get(byEval.size() / 2).evalMs(), mid.series(), mid.bytes());
    }
}
