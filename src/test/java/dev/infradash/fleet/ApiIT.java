package dev.infradash.fleet;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStack.TargetGroup;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP API and health of the running app, against a real Prometheus and node_exporter, in
 * kiosk mode ({@code infradash.security.anonymous-read=true}) so the read-only API needs no login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // Spring Boot tests switch metrics export off unless asked
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(b -> b.nodeExporters(1))
            .then(stack -> {
                stack.writeTargets(server("web-1", "web", "Web One", Exporter.NODE, stack.nodeExporterHostPort(0)));
                stack.awaitTargetsUp(1, Duration.ofSeconds(30));
            });

    @LocalServerPort
    int port;

    @Autowired
    FleetSnapshotPublisher snapshots;

    @Autowired
    dev.infradash.history.ServerHistory history;

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        prometheus.app(registry);
        registry.add("infradash.security.anonymous-read", () -> "true");
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    /** Health details are for admins only (issue 12); anyone else gets the status. */
    private static final String ADMIN_PASSWORD = "admin-password-for-api-it";

    private JsonNode adminJson(String path) throws Exception {
        String basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = get(path, "Authorization", basic);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("json"));
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void serversAnswerTheCollectorsSnapshotAsJson() throws Exception {
        FleetSnapshot snapshot = await().atMost(Duration.ofSeconds(30))
                .until(
                        snapshots::current,
                        s -> s.server("web-1")
                                .map(server -> server.node().cpuBusyPercent() != null)
                                .orElse(false));
        JsonNode body = json("/api/servers");
        // the document carries the snapshot it was served from
        assertThat(body.path("sequence").asLong()).isGreaterThanOrEqualTo(snapshot.sequence());
        FleetSnapshot served = snapshots.current();
        JsonNode server = body.path("servers").get(0);
        assertThat(server.path("id").asText()).isEqualTo("web-1");
        assertThat(server.path("displayName").asText()).isEqualTo("Web One");
        assertThat(server.path("up").asBoolean()).isTrue();
        assertThat(server.path("node").path("memoryTotalBytes").path("value").asDouble())
                .isEqualTo(served.server("web-1")
                        .orElseThrow()
                        .node()
                        .memoryTotalBytes()
                        .value());
        assertThat(server.path("node").path("cpuBusyPercent").path("sampledAt").asText())
                .endsWith("Z");
        assertThat(body.path("prometheus").path("reachable").asBoolean()).isTrue();

        JsonNode one = json("/api/servers/web-1");
        assertThat(one.path("id").asText()).isEqualTo("web-1");
        assertThat(one.path("node").path("cores").path("value").asDouble()).isPositive();
    }

    @Test
    @Order(2)
    void anUnknownServerIs404WithAReadableMessage() throws Exception {
        HttpResponse<String> response = get("/api/servers/nope%22%7D");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("No server with id 'nope\"}'");
    }

    @Test
    @Order(2)
    void seriesAnswerWithTheDetailViewsPromql() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> snapshots
                        .current()
                        .server("web-1")
                        .map(server -> server.node().cpuBusyPercent() != null)
                        .orElse(false));
        long to = java.time.Instant.now().getEpochSecond();
        long from = to - 120;
        JsonNode body = json("/api/servers/web-1/series?metric=load&from=" + from + "&to=" + to + "&step=5s");
        assertThat(body.path("metric").asText()).isEqualTo("load");
        assertThat(body.path("unit").asText()).isEqualTo("NUMBER");
        assertThat(body.path("stepSeconds").asLong()).isEqualTo(5);
        // the detail view's own numbers for the same window and step
        dev.infradash.history.ChartData view = history.chart(
                "web-1",
                dev.infradash.history.Chart.LOAD,
                dev.infradash.history.TimeWindow.fixed(
                        java.time.Instant.ofEpochSecond(from), java.time.Instant.ofEpochSecond(to)),
                Duration.ofSeconds(5));
        assertThat(body.path("series")).hasSize(view.series().size()).hasSize(3);
        for (int i = 0; i < view.series().size(); i++) {
            JsonNode series = body.path("series").get(i);
            assertThat(series.path("name").asText())
                    .isEqualTo(view.series().get(i).name());
            assertThat(series.path("points").size()).isPositive();
            JsonNode first = series.path("points").get(0);
            assertThat(first.get(0).asLong())
                    .isEqualTo(view.series().get(i).points().get(0).epochMillis());
            assertThat(first.get(1).asDouble())
                    .isEqualTo(view.series().get(i).points().get(0).value());
        }
        assertThat(json("/api/servers/web-1/series?metric=cpu&range=15m").path("series"))
                .isNotEmpty();

        // every parameter check, and the 404, is SeriesApiControllerTest's; here only that a 400 reaches
        // a kiosk client of the whole app as problem JSON
        HttpResponse<String> bad = get("/api/servers/web-1/series");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("'metric' is required");
    }

    @Test
    @Order(3)
    void noCorsHeadersUnlessOriginsAreConfigured() throws Exception {
        HttpResponse<String> response = get("/api/servers", "Origin", "http://evil.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @Order(4)
    void selfMetricsAreExportedAndScrapedByARealPrometheus() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains(
                        "infradash_collector_cycle_seconds_count",
                        "infradash_snapshot_age_seconds",
                        "infradash_ui_attached",
                        "infradash_broadcast_seconds_count",
                        "infradash_prometheus_requests_seconds_count{endpoint=\"alerts\"");
        // timed by Micrometer's OkHttp listener: its tags, the client's endpoint among them
        assertThat(metrics.body())
                .containsPattern(
                        "infradash_prometheus_requests_seconds_count\\{endpoint=\"query\",[^}]*outcome=\"SUCCESS\"[^}]*uri=\"/api/v1/query\"");

        // the app as a server of its own, as prometheus.yml's comment describes
        Map<String, String> labels = new LinkedHashMap<>(Map.of(
                "server",
                "infradash",
                "role",
                "dashboard",
                "__infradash_exporter",
                "other",
                "__metrics_path__",
                "/actuator/prometheus"));
        PrometheusStack stack = prometheus.stack();
        stack.writeTargets(List.of(
                server("web-1", "web", "Web One", Exporter.NODE, stack.nodeExporterHostPort(0)),
                new TargetGroup(List.of("127.0.0.1:" + port), labels)));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> stack.query(
                                        "infradash_collector_cycle_seconds_count{server=\"infradash\",role=\"dashboard\"} > 0")
                                .size()
                        == 1);
        ServerSnapshot self = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> snapshots.current().server("infradash"),
                        s -> s.map(ServerSnapshot::up).orElse(false))
                .orElseThrow();
        assertThat(self.role()).isEqualTo("dashboard");
    }

    @Test
    @Order(5)
    void kioskModeOpensOnlyTheReadOnlyApi() throws Exception {
        for (String path : List.of(
                "/api/servers", "/api/servers/web-1", "/api/health", "/actuator/health", "/actuator/prometheus")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : List.of("/actuator/info", "/actuator/env", "/actuator/beans", "/api/other")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
        HttpResponse<String> settings = get("/settings");
        assertThat(settings.statusCode()).isEqualTo(302);
        assertThat(settings.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void healthIsDegradedWhilePrometheusIsDownAndUpAgainAfter() throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> json("/api/health").path("status").asText().equals("UP"));
        assertThat(json("/api/health").has("components"))
                .as("anonymous: status only")
                .isFalse();
        JsonNode up = adminJson("/api/health");
        JsonNode collector = up.path("components").path("collector").path("details");
        assertThat(collector.path("prometheusReachable").asBoolean()).isTrue();
        assertThat(collector.path("queryLatencyMillis").isNumber()).isTrue();
        assertThat(collector.path("snapshotAgeSeconds").asDouble()).isLessThan(5);

        PrometheusStack stack = prometheus.stack();
        stack.stopPrometheus();
        try {
            JsonNode degraded = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> adminJson("/api/health"),
                            h -> h.path("status").asText().equals("DEGRADED"));
            assertThat(degraded.path("components")
                            .path("collector")
                            .path("details")
                            .path("error")
                            .asText())
                    .contains(stack.prometheusUrl().toString());
            assertThat(json("/actuator/health").path("status").asText()).isEqualTo("DEGRADED");
        } finally {
            stack.startPrometheus();
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> json("/api/health").path("status").asText().equals("UP"));
    }
}
