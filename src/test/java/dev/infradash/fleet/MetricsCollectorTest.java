package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.Reading;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerProperties;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The collector against a scripted Prometheus (MockWebServer on 127.0.0.1): request shape, the
 * per-query fallback, outages and recovery, and that slow answers never make cycles overlap.
 */
class MetricsCollectorTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant SCRAPED = T0.minusMillis(2500);
    private static final String GPU_UUID = "0b5c7f5e-1d2a-4f43-9c0e-5a1d0e6b7f21";
    private static final String GPU_MODEL = "NVIDIA A100-SXM4-40GB";

    @TempDir
    Path dir;

    private MockWebServer server;
    /** Query requests; alerts requests are counted apart. */
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private final List<RecordedRequest> alertRequests = new CopyOnWriteArrayList<>();
    /** What the scripted Prometheus answers, by the PromQL in the request's {@code query} form field. */
    private volatile Function<String, MockResponse> responder = query -> error(500, "bad_data", "no responder");

    private final MutableClock clock = new MutableClock(T0);

    private PrometheusClient client;
    private FleetQueries queries;
    private FleetSnapshotPublisher publisher;
    private MetricsCollector collector;

    @BeforeEach
    void startPrometheus() throws IOException {
        server = newServer(0);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (collector != null) {
            collector.stop();
        }
        if (publisher != null) {
            publisher.destroy();
        }
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private MockWebServer newServer(int port) throws IOException {
        MockWebServer mock = new MockWebServer();
        mock.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getUrl().encodedPath().equals("/api/v1/alerts")) {
                    // the cycle's second request; its own behaviour is tested in CollectorIT
                    alertRequests.add(request);
                    return new MockResponse.Builder()
                            .code(200)
                            .addHeader("Content-Type", "application/json")
                            .body("{\"status\":\"success\",\"data\":{\"alerts\":[]}}")
                            .build();
                }
                requests.add(request);
                return responder.apply(form(request).get("query"));
            }
        });
        mock.start(InetAddress.getByName("127.0.0.1"), port);
        return mock;
    }

    /** A collector that asks the slow parts every cycle, as the tests of other behaviour expect. */
    private MetricsCollector collector(String refreshInterval, Clock clock) throws IOException {
        return collector(
                Map.of("infradash.refresh-interval", refreshInterval, "infradash.slow-parts-interval", "0s"), clock);
    }

    private MetricsCollector collector(Map<String, String> settings, Clock clock) throws IOException {
        Path targets = dir.resolve("targets.json");
        Files.writeString(targets, """
                [
                  {"targets": ["10.0.0.11:9100"], "labels": {"server": "web-1", "role": "web", "__infradash_exporter": "node"}},
                  {"targets": ["10.0.0.21:9100"], "labels": {"server": "gpu-1", "role": "ml", "__infradash_exporter": "node"}},
                  {"targets": ["10.0.0.21:9835"], "labels": {"server": "gpu-1", "role": "ml", "__infradash_exporter": "gpu"}},
                  {"targets": ["10.0.0.31:9100"], "labels": {"server": "db-1", "role": "db", "__infradash_exporter": "node"}}
                ]""");
        // 127.0.0.1, not server.url(): that names "localhost", which may also resolve to ::1.
        PrometheusProperties prometheus = PrometheusProperties.of(URI.create("http://127.0.0.1:" + server.getPort()));
        CollectorProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("infradash", CollectorProperties.class);
        client = new PrometheusClient(prometheus);
        queries = new FleetQueries(properties);
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(targets), new ObjectMapper());
        publisher = new FleetSnapshotPublisher(prometheus, registry, new SimpleMeterRegistry());
        collector = new MetricsCollector(
                client,
                queries,
                RecordingRules.fixed(client, queries, new RecordingRules.Status(false, "raw expressions in this test")),
                registry,
                publisher,
                List.of(),
                properties,
                clock,
                new SimpleMeterRegistry());
        return collector;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    // --- the scripted fleet --------------------------------------------------------------------

    /** One series of the fleet's answer to one {@link FleetQuery}. */
    private record Series(FleetQuery query, String value, Map<String, String> labels) {}

    private static Series series(FleetQuery query, Object value, String... labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new Series(query, String.valueOf(value), map);
    }

    /** web-1 (node) and gpu-1 (node + gpu) answer; db-1 is in the targets file but Prometheus has nothing on it. */
    private static List<Series> fleet(double web1Cpu) {
        String scraped = new BigDecimal(SCRAPED.toEpochMilli()).movePointLeft(3).toPlainString();
        return List.of(
                series(FleetQuery.UP, 1, "job", "node", "role", "web", "server", "web-1"),
                series(FleetQuery.UP, 1, "job", "node", "role", "ml", "server", "gpu-1"),
                series(FleetQuery.UP, 1, "job", "gpu", "role", "ml", "server", "gpu-1"),
                series(FleetQuery.SCRAPE_TIME, scraped, "job", "node", "server", "web-1"),
                series(FleetQuery.SCRAPE_TIME, scraped, "job", "node", "server", "gpu-1"),
                series(FleetQuery.SCRAPE_TIME, scraped, "job", "gpu", "server", "gpu-1"),
                series(FleetQuery.CPU_BUSY, web1Cpu, "server", "web-1"),
                series(FleetQuery.CPU_BUSY, "91.5", "server", "gpu-1"),
                series(FleetQuery.LOAD1, "0.42", "server", "web-1"),
                series(FleetQuery.LOAD1, "7.9", "server", "gpu-1"),
                series(FleetQuery.MEMORY_USED, "61.8", "server", "web-1"),
                series(FleetQuery.MEMORY_USED, "70.25", "server", "gpu-1"),
                series(FleetQuery.MEMORY_TOTAL, "16777216000", "server", "web-1"),
                series(FleetQuery.MEMORY_TOTAL, "270582939648", "server", "gpu-1"),
                series(FleetQuery.ROOT_FS_USED, "23.4", "server", "web-1"),
                series(FleetQuery.ROOT_FS_USED, "NaN", "server", "gpu-1"),
                series(FleetQuery.DISK_READ, "1024", "server", "web-1"),
                series(FleetQuery.DISK_WRITE, "2048", "server", "web-1"),
                series(FleetQuery.NETWORK_RECEIVE, "5000", "server", "web-1"),
                series(FleetQuery.NETWORK_TRANSMIT, "7000", "server", "web-1"),
                series(FleetQuery.UPTIME, "93784", "server", "web-1"),
                series(FleetQuery.CORES, "8", "server", "web-1"),
                series(FleetQuery.CORES, "64", "server", "gpu-1"),
                series(FleetQuery.GPU_INFO, "64", "model", GPU_MODEL, "server", "gpu-1", "uuid", GPU_UUID),
                series(FleetQuery.GPU_UTILIZATION, "87", "server", "gpu-1", "uuid", GPU_UUID),
                series(FleetQuery.GPU_MEMORY_USED, "55.5", "server", "gpu-1", "uuid", GPU_UUID),
                series(FleetQuery.GPU_TEMPERATURE, "64", "server", "gpu-1", "uuid", GPU_UUID),
                series(FleetQuery.GPU_POWER, "251.3", "server", "gpu-1", "uuid", GPU_UUID));
    }

    /** A vector answer as Prometheus sends it, evaluated at T0; tagged with infradash_query if asked. */
    private static String vector(List<Series> series, boolean tagged) {
        String evaluatedAt = String.valueOf(T0.getEpochSecond());
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + series.stream()
                        .map(s -> {
                            Map<String, String> labels = new LinkedHashMap<>();
                            if (tagged) {
                                labels.put(FleetQueries.QUERY_LABEL, s.query().key());
                            }
                            labels.putAll(s.labels());
                            String metric = labels.entrySet().stream()
                                    .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                                    .collect(Collectors.joining(",", "{", "}"));
                            return "{\"metric\":" + metric + ",\"value\":[" + evaluatedAt + ",\"" + s.value() + "\"]}";
                        })
                        .collect(Collectors.joining(",\n"))
                + "]}}";
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static MockResponse error(int code, String errorType, String error) {
        return json(code, "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":\"" + error + "\"}");
    }

    /** Answers the combined query with the whole fleet; anything else is refused loudly. */
    private Function<String, MockResponse> healthy(double web1Cpu) {
        return query -> queries.combined().equals(query)
                ? json(200, vector(fleet(web1Cpu), true))
                : error(400, "bad_data", "unexpected query in this test: " + query);
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> form = new HashMap<>();
        if (request.getBody() == null || request.getBody().size() == 0) {
            return form;
        }
        for (String pair : request.getBody().utf8().split("&")) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    // --- tests ---------------------------------------------------------------------------------

    @Test
    void aNormalCycleIsOneCombinedQueryAndFillsEveryServer() throws IOException {
        collector("5s", clock);
        responder = healthy(43.2);

        FleetSnapshot snapshot = collector.collectNow();

        assertThat(requests).hasSize(1);
        assertThat(alertRequests).as("plus one alerts request").hasSize(1);
        RecordedRequest request = requests.get(0);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query");
        assertThat(form(request)).containsEntry("query", queries.combined()).containsEntry("time", "1795780800.000");

        assertThat(publisher.current()).isSameAs(snapshot);
        assertThat(snapshot.sequence()).isEqualTo(1);
        assertThat(snapshot.collectedAt()).isEqualTo(T0);
        assertThat(snapshot.prometheus()).isEqualTo(new PrometheusStatus(baseUrl(), true, null, T0));
        assertThat(snapshot.failedQueries()).isEmpty();
        assertThat(snapshot.targetsFile()).isEqualTo(dir.resolve("targets.json").toString());
        // targets-file order, db-1 included although Prometheus knows nothing about it
        assertThat(snapshot.servers()).extracting(ServerSnapshot::id).containsExactly("web-1", "gpu-1", "db-1");

        ServerSnapshot web = snapshot.server("web-1").orElseThrow();
        assertThat(web.health()).isEqualTo(Health.UP);
        assertThat(web.role()).isEqualTo("web");
        assertThat(web.stale()).isFalse();
        assertThat(web.exporters()).containsExactly(new ExporterHealth("node", true, SCRAPED));
        NodeMetrics node = web.node();
        assertThat(node.cpuBusyPercent()).isEqualTo(new Reading(43.2, SCRAPED));
        assertThat(node.load1()).isEqualTo(new Reading(0.42, SCRAPED));
        assertThat(node.memoryUsedPercent()).isEqualTo(new Reading(61.8, SCRAPED));
        assertThat(node.memoryTotalBytes()).isEqualTo(new Reading(16_777_216_000d, SCRAPED));
        assertThat(node.rootFilesystemUsedPercent()).isEqualTo(new Reading(23.4, SCRAPED));
        assertThat(node.diskReadBytesPerSecond().value()).isEqualTo(1024);
        assertThat(node.diskWriteBytesPerSecond().value()).isEqualTo(2048);
        assertThat(node.networkReceiveBytesPerSecond().value()).isEqualTo(5000);
        assertThat(node.networkTransmitBytesPerSecond().value()).isEqualTo(7000);
        assertThat(node.uptimeSeconds().value()).isEqualTo(93784);
        assertThat(node.cores().value()).isEqualTo(8);
        assertThat(web.gpus()).isEmpty();
        assertThat(web.gpuExporterConfigured()).isFalse();

        ServerSnapshot gpu = snapshot.server("gpu-1").orElseThrow();
        assertThat(gpu.health()).isEqualTo(Health.UP);
        assertThat(gpu.node().cpuBusyPercent().value()).isEqualTo(91.5);
        assertThat(gpu.node().rootFilesystemUsedPercent()).as("NaN is no value").isNull();
        assertThat(gpu.exporterUp("gpu")).isTrue();
        assertThat(gpu.gpuExporterConfigured()).isTrue();
        assertThat(gpu.gpus())
                .containsExactly(new GpuMetrics(
                        GPU_UUID,
                        GPU_MODEL,
                        new Reading(87, SCRAPED),
                        new Reading(55.5, SCRAPED),
                        new Reading(64, SCRAPED),
                        new Reading(251.3, SCRAPED)));

        ServerSnapshot db = snapshot.server("db-1").orElseThrow();
        assertThat(db.health()).isEqualTo(Health.UNKNOWN);
        assertThat(db.configured()).isTrue();
        assertThat(db.node()).isEqualTo(NodeMetrics.NONE);
        assertThat(db.exporters()).isEmpty();
    }

    @Test
    void slowPartsAreAskedOncePerIntervalOrWhenTheTargetsChangeAndTheirLastAnswersFillTheCyclesBetween()
            throws IOException {
        collector(Map.of("infradash.refresh-interval", "5s"), clock); // the default interval: 1 minute
        String[] slow = {"\"memory_total\"", "\"cores\"", "\"gpu_info\"", "\"fs_size\"", "\"fs_full_in\""};
        // just started: Prometheus has scraped nothing yet
        responder = query -> json(200, vector(List.of(), true));
        collector.collectNow();
        assertThat(form(requests.get(0)).get("query"))
                .as("the first cycle asks everything")
                .contains(slow);

        // the exporters answer now; Prometheus answers the parts the query names, and a part left
        // out of the query is left out of the answer
        responder = query -> json(
                200,
                vector(
                        fleet(43.2).stream()
                                .filter(s -> query.contains("\"" + s.query().key() + "\""))
                                .toList(),
                        true));
        clock.set(T0.plusSeconds(5));
        collector.collectNow();
        assertThat(form(requests.get(1)).get("query"))
                .as("5 s later the slow parts are not asked again")
                .doesNotContain(slow)
                .contains("\"cpu_busy\"", "\"uptime\"", "\"up\"");
        clock.set(T0.plusSeconds(10));
        collector.collectNow();
        assertThat(form(requests.get(2)).get("query"))
                .as("exporters came up since they were asked: asked again, not a minute later")
                .contains(slow);

        clock.set(T0.plusSeconds(15));
        FleetSnapshot between = collector.collectNow();
        assertThat(form(requests.get(3)).get("query")).doesNotContain(slow);
        ServerSnapshot web = between.server("web-1").orElseThrow();
        assertThat(web.node().cpuBusyPercent()).isEqualTo(new Reading(43.2, SCRAPED));
        assertThat(web.node().memoryTotalBytes())
                .as("the last answer fills in")
                .isEqualTo(new Reading(16_777_216_000d, SCRAPED));
        assertThat(web.node().cores().value()).isEqualTo(8);
        assertThat(between.server("gpu-1").orElseThrow().gpus())
                .extracting(GpuMetrics::model)
                .containsExactly(GPU_MODEL);

        clock.set(T0.plusSeconds(60));
        collector.collectNow();
        assertThat(form(requests.get(2)).get("query"))
                .as("a minute after: asked again")
                .contains(slow);

        clock.set(T0.plusSeconds(65));
        Files.writeString(dir.resolve("targets.json"), """
                [
                  {"targets": ["10.0.0.11:9100"], "labels": {"server": "web-1", "role": "web", "__infradash_exporter": "node"}},
                  {"targets": ["10.0.0.41:9100"], "labels": {"server": "new-1", "role": "web", "__infradash_exporter": "node"}}
                ]""");
        collector.collectNow();
        assertThat(form(requests.get(5)).get("query"))
                .as("changed targets: asked at once, so a new server's card is complete")
                .contains(slow);
        assertThat(requests).as("one query request per cycle throughout").hasSize(6);
    }

    @Test
    void anUnreachableAlertmanagerCostsOnlyTheSilencesTheCycleStillPublishes() throws IOException {
        collector("5s", Clock.fixed(T0, ZoneOffset.UTC));
        responder = healthy(43.2);
        // nothing listens on port 9: the fault is real, no mock needed
        try (AlertmanagerClient nowhere =
                new AlertmanagerClient(AlertmanagerProperties.of(URI.create("http://127.0.0.1:9")))) {
            MetricsCollector withAlertmanager = new MetricsCollector(
                    client,
                    queries,
                    RecordingRules.fixed(client, queries, new RecordingRules.Status(false, "raw in this test")),
                    new TargetRegistry(new TargetsProperties(dir.resolve("targets.json")), new ObjectMapper()),
                    publisher,
                    List.of(),
                    new Binder(new MapConfigurationPropertySource(Map.of("infradash.refresh-interval", "5s")))
                            .bindOrCreate("infradash", CollectorProperties.class),
                    Clock.fixed(T0, ZoneOffset.UTC),
                    new SimpleMeterRegistry(),
                    new AlertmanagerReader(nowhere));

            FleetSnapshot snapshot = withAlertmanager.collectNow();

            assertThat(publisher.current()).isSameAs(snapshot);
            assertThat(snapshot.prometheus().reachable()).isTrue();
            assertThat(snapshot.failedQueries()).containsOnlyKeys(AlertmanagerReader.ALERTMANAGER);
            assertThat(snapshot.failedQueries().get(AlertmanagerReader.ALERTMANAGER))
                    .contains("127.0.0.1:9");
            assertThat(snapshot.silences()).isEmpty();
            assertThat(snapshot.server("web-1").orElseThrow().node().cpuBusyPercent())
                    .isNotNull();
        }
    }

    @Test
    void aRefusedCombinedQueryFallsBackToOneRequestPerQueryAndOnlyTheFailedPartGoesMissing() throws IOException {
        collector("5s", clock);
        Map<String, FleetQuery> byPromql = new HashMap<>();
        Arrays.stream(FleetQuery.values()).forEach(q -> byPromql.put(queries.promql(q), q));
        List<Series> fleet = fleet(43.2);
        responder = query -> {
            if (queries.combined().equals(query)) {
                return error(422, "execution", "many-to-many matching not allowed");
            }
            FleetQuery part = byPromql.get(query);
            if (part == null) {
                return error(400, "bad_data", "unexpected query in this test: " + query);
            }
            if (part == FleetQuery.MEMORY_USED) {
                return error(422, "execution", "vector cannot contain metrics with the same labelset");
            }
            return json(
                    200, vector(fleet.stream().filter(s -> s.query() == part).toList(), false));
        };

        FleetSnapshot snapshot = collector.collectNow();

        assertThat(requests).hasSize(FleetQuery.values().length + 1);
        List<String> sent = requests.stream().map(r -> form(r).get("query")).toList();
        assertThat(sent.get(0)).isEqualTo(queries.combined());
        assertThat(sent.subList(1, sent.size()))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(FleetQuery.values()).map(queries::promql).toList());

        assertThat(snapshot.prometheus().reachable()).isTrue();
        assertThat(snapshot.failedQueries()).containsOnlyKeys("memory_used");
        assertThat(snapshot.failedQueries().get("memory_used"))
                .contains("vector cannot contain metrics with the same labelset")
                .contains("422");

        ServerSnapshot web = snapshot.server("web-1").orElseThrow();
        assertThat(web.health()).isEqualTo(Health.UP);
        assertThat(web.node().memoryUsedPercent()).isNull();
        assertThat(web.node().cpuBusyPercent()).isEqualTo(new Reading(43.2, SCRAPED));
        assertThat(web.node().memoryTotalBytes()).isEqualTo(new Reading(16_777_216_000d, SCRAPED));
        assertThat(web.node().rootFilesystemUsedPercent()).isEqualTo(new Reading(23.4, SCRAPED));
        ServerSnapshot gpu = snapshot.server("gpu-1").orElseThrow();
        assertThat(gpu.node().memoryUsedPercent()).isNull();
        assertThat(gpu.gpus()).extracting(GpuMetrics::model).containsExactly(GPU_MODEL);
        assertThat(gpu.gpus().get(0).temperatureCelsius().value()).isEqualTo(64);
        assertThat(snapshot.server("db-1").orElseThrow().health()).isEqualTo(Health.UNKNOWN);
    }

    enum Failure {
        HTTP_503_HTML,
        TRUNCATED_JSON,
        CONNECTION_REFUSED
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void anOutageKeepsTheLastValuesAsStaleAndTheNextGoodAnswerIsFresh(Failure failure) throws IOException {
        collector("5s", clock);
        responder = healthy(43.2);
        FleetSnapshot before = collector.collectNow();
        assertThat(before.prometheus().reachable()).isTrue();

        int port = server.getPort();
        switch (failure) {
            case HTTP_503_HTML ->
                responder = query -> new MockResponse.Builder()
                        .code(503)
                        .addHeader("Content-Type", "text/html")
                        .body("<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service "
                                + "Unavailable</h1>No server is available to handle this request.</body></html>")
                        .build();
            case TRUNCATED_JSON -> {
                String whole = vector(fleet(43.2), true);
                responder = query -> json(200, whole.substring(0, whole.length() / 2));
            }
            case CONNECTION_REFUSED -> server.close();
        }
        clock.set(T0.plusSeconds(5));

        FleetSnapshot outage = collector.collectNow();

        assertThat(publisher.current()).isSameAs(outage);
        assertThat(outage.sequence()).isEqualTo(2);
        assertThat(outage.collectedAt()).isEqualTo(T0.plusSeconds(5));
        PrometheusStatus status = outage.prometheus();
        assertThat(status.reachable()).isFalse();
        assertThat(status.url()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(status.lastSuccess()).isEqualTo(T0);
        assertThat(status.error())
                .startsWith("Prometheus at http://127.0.0.1:" + port + " ")
                .doesNotContain("<");
        switch (failure) {
            case HTTP_503_HTML ->
                assertThat(status.error()).contains("HTTP 503").contains("Service Unavailable");
            case TRUNCATED_JSON -> assertThat(status.error()).contains("malformed JSON");
            case CONNECTION_REFUSED ->
                assertThat(status.error()).contains("unreachable").contains("refused");
        }
        assertThat(outage.servers()).extracting(ServerSnapshot::id).containsExactly("web-1", "gpu-1", "db-1");
        assertThat(outage.servers())
                .allSatisfy(s -> assertThat(s.stale()).as(s.id() + " stale").isTrue());
        ServerSnapshot web = outage.server("web-1").orElseThrow();
        assertThat(web.health()).isEqualTo(Health.UP);
        assertThat(web.node()).isEqualTo(before.server("web-1").orElseThrow().node());
        assertThat(web.node().cpuBusyPercent()).isEqualTo(new Reading(43.2, SCRAPED));
        assertThat(outage.server("gpu-1").orElseThrow().gpus())
                .isEqualTo(before.server("gpu-1").orElseThrow().gpus())
                .hasSize(1);

        if (failure == Failure.CONNECTION_REFUSED) {
            server = newServer(port);
        }
        responder = healthy(12.5);
        clock.set(T0.plusSeconds(10));

        FleetSnapshot after = collector.collectNow();

        assertThat(after.prometheus()).isEqualTo(new PrometheusStatus(baseUrl(), true, null, T0.plusSeconds(10)));
        assertThat(after.servers().stream().filter(ServerSnapshot::stale)).isEmpty();
        assertThat(after.server("web-1").orElseThrow().node().cpuBusyPercent().value())
                .isEqualTo(12.5);
    }

    @Test
    void aSlowPrometheusNeverMakesCyclesOverlapOrPileUp() throws IOException {
        long answerMillis = 300;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        collector("100ms", Clock.systemUTC());
        Function<String, MockResponse> healthy = healthy(43.2);
        responder = query -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(answerMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return healthy.apply(query);
        };

        long started = System.nanoTime();
        int sent;
        long elapsedMillis;
        try {
            collector.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> requests.size() >= 2);
            // a cycle by hand while the schedule runs waits for the running one
            assertThat(collector.collectNow().prometheus().reachable()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> requests.size() >= 5);
            sent = requests.size();
            elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        } finally {
            collector.stop();
        }

        assertThat(collector.isRunning()).isFalse();
        // stopped means stopped: no cycle that was queued up behind a slow one starts afterwards
        int atStop = requests.size();
        await().during(Duration.ofMillis(3 * answerMillis))
                .atMost(Duration.ofSeconds(2))
                .until(() -> requests.size() == atStop);
        assertThat(maxInFlight.get()).as("requests in flight at once").isEqualTo(1);
        assertThat(sent)
                .as("requests after %d ms of %d ms answers", elapsedMillis, answerMillis)
                .isLessThanOrEqualTo((int) (elapsedMillis / answerMillis) + 1);
        assertThat(publisher.current().sequence()).isGreaterThanOrEqualTo(4);
        // stop() interrupted a cycle waiting on its 300 ms answer: that is no outage to publish
        assertThat(publisher.current().prometheus().reachable())
                .as("after stop")
                .isTrue();
    }

    @Test
    void cyclesAskedFromSeveralThreadsAtOnceReachPrometheusStrictlyOneAtATime() throws Exception {
        collector("5s", clock);
        Function<String, MockResponse> healthy = healthy(43.2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        responder = query -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // a slow answer (not synchronisation): long enough that unguarded cycles, all
                // started together, would certainly meet here
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return healthy.apply(query);
        };
        int threads = 4;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<FleetSnapshot>> cycles = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                cycles.add(callers.submit(() -> {
                    start.await();
                    return collector.collectNow();
                }));
            }
            List<Long> sequences = new java.util.ArrayList<>();
            for (var cycle : cycles) {
                sequences.add(
                        cycle.get(10, java.util.concurrent.TimeUnit.SECONDS).sequence());
            }
            assertThat(sequences).as("each caller got its own cycle").containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        } finally {
            callers.shutdownNow();
        }
        assertThat(requests).hasSize(threads);
        assertThat(maxInFlight.get()).as("fleet queries in flight at once").isEqualTo(1);
    }

    /** A clock the test moves by hand, so each cycle has its own, known time. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
