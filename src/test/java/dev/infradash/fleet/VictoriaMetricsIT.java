package dev.infradash.fleet;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.targets.ScrapeHealth;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16: the whole app against single-node VictoriaMetrics (Debian's victoria-metrics) as the
 * query endpoint, scraping the same prometheus.yml and targets file: the cycle, the detail
 * history, the alerts read and the targets' scrape health work, and what VictoriaMetrics cannot do
 * without vmalert (evaluate alert rules) is said on the health endpoint instead of staying silent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VictoriaMetricsIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "admin-password-for-victoria-it";

    @RegisterExtension
    static final PrometheusStackExtension backend = PrometheusStackExtension.with(
                    b -> b.nodeExporters(1).victoriaMetrics())
            .then(stack -> {
                stack.writeTargets(server("vm-1", "db", "VM One", Exporter.NODE, stack.nodeExporterHostPort(0)));
                stack.awaitTargetsUp(1, Duration.ofSeconds(30));
            });

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        backend.app(registry);
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    FleetSnapshotPublisher snapshots;

    @Autowired
    ScrapeHealth scrapeHealth;

    private JsonNode adminJson(String path) throws Exception {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theCycleReadsTheFleetFromVictoriaMetrics() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ServerSnapshot server = snapshots.current().server("vm-1").orElseThrow();
            assertThat(server.up()).isTrue();
            assertThat(server.node().cpuBusyPercent()).isNotNull();
            assertThat(server.node().memoryTotalBytes()).isNotNull();
        });
        FleetSnapshot snapshot = snapshots.current();
        assertThat(snapshot.prometheus().reachable()).isTrue();
        assertThat(snapshot.failedQueries())
                .as("the alerts read answers (empty) on VictoriaMetrics too")
                .doesNotContainKey(MetricsCollector.ALERTS);
    }

    @Test
    void theDetailHistoryComesFromVictoriaMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode body = adminJson("/api/servers/vm-1/series?metric=load&range=15m");
            assertThat(body.path("series").size()).isPositive();
            assertThat(body.path("series").get(0).path("points").size()).isPositive();
        });
    }

    @Test
    void theTargetsScrapeHealthComesFromVictoriaMetrics() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ScrapeHealth.Snapshot health = scrapeHealth.read().get(10, TimeUnit.SECONDS);
            assertThat(health.error()).isNull();
            assertThat(health.targets()).anySatisfy(target -> {
                assertThat(target.server()).isEqualTo("vm-1");
                assertThat(target.health()).isEqualTo("up");
            });
        });
    }

    @Test
    void theHealthEndpointSaysThisBackendEvaluatesNoAlertRules() throws Exception {
        JsonNode backendHealth =
                adminJson("/api/health").path("components").path("queryBackend").path("details");
        assertThat(backendHealth.path("kind").asText()).isEqualTo(QueryBackendHealthIndicator.NO_BUILD_INFO);
        assertThat(backendHealth.path("ruleGroups").asInt()).isZero();
        assertThat(backendHealth.path("alerts").asText()).contains("vmalert");
    }
}
