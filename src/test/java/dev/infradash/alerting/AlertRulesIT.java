package dev.infradash.alerting;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.FileOperations;
import dev.infradash.prometheus.Alert;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rules against a REAL Prometheus (1 s scrape, --web.enable-lifecycle): a {@code down} rule made
 * over REST becomes a firing alert carrying the server and the rule id once a node_exporter
 * stops; a rule Prometheus cannot parse is refused, and a rule file Prometheus refuses on reload
 * is rolled back to the last good one, which Prometheus keeps evaluating.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertRulesIT {

    private static final String ADMIN_PASSWORD = "admin-password-for-rules-it";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(b -> b.nodeExporters(2))
            .then(stack -> {
                stack.writeTargets(
                        server("web-1", "web", "Web One", Exporter.NODE, stack.nodeExporterHostPort(0)),
                        server("db-1", "db", "DB One", Exporter.NODE, stack.nodeExporterHostPort(1)));
                stack.awaitTargetsUp(2, Duration.ofSeconds(30));
            });

    @LocalServerPort
    int port;

    @Autowired
    PrometheusClient client;

    @Autowired
    RuleFileRenderer renderer;

    @Autowired
    AlertingProperties properties;

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        prometheus.app(registry);
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerting/rules"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String loadedRules() {
        return prometheus.stack().api("/api/v1/rules", Map.of()).toString();
    }

    @Test
    @Order(1)
    void aDownRuleMadeOverRestFiresWithTheServerAndTheRuleOnceAnExporterStops() throws Exception {
        PrometheusStack stack = prometheus.stack();
        // the defaults were rendered and loaded at start
        await().atMost(Duration.ofSeconds(20)).until(() -> loadedRules().contains("TargetDown"));

        HttpResponse<String> created = post(
                "{\"name\": \"down-fast\", \"condition\": \"down\", \"for\": \"15s\", \"severity\": \"critical\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("id").asText()).isEqualTo("down-fast");
        assertThat(loadedRules()).as("Prometheus loaded it on the reload").contains("down_fast");

        long stopped = System.nanoTime();
        stack.stopNodeExporter(1);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> firing("down_fast").stream()
                            .anyMatch(alert -> "db-1".equals(alert.labels().get("server"))));
            long seconds = Duration.ofNanos(System.nanoTime() - stopped).toSeconds();
            System.out.printf(
                    "down_fast firing %d s after node_exporter of db-1 stopped (for: 15s, scrape 1 s)%n", seconds);
            Alert alert = firing("down_fast").get(0);
            assertThat(alert.labels())
                    .containsEntry("server", "db-1")
                    .containsEntry(RuleRoutes.RULE_LABEL, "down-fast")
                    .containsEntry("severity", "critical");
            assertThat(alert.annotations().get("summary")).isEqualTo("node exporter of db-1 is down");
            assertThat(seconds).as("not before for: 15s").isGreaterThanOrEqualTo(15);
            assertThat(firing("down_fast")).as("web-1 still answers").hasSize(1);
        } finally {
            stack.startNodeExporter(1);
        }
    }

    @Test
    @Order(2)
    void anExpressionPrometheusCannotParseIsRefusedOnItsFieldAndNothingChanges() throws Exception {
        String before = Files.readString(properties.ruleFile());

        HttpResponse<String> refused = post(
                "{\"name\": \"broken\", \"condition\": \"advanced\", \"for\": \"1m\", \"advanced\": \"rate(up[5m]\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        var error = JSON.readTree(refused.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("advanced");
        assertThat(error.path("message").asText()).contains("Prometheus", "parse error");
        assertThat(Files.readString(properties.ruleFile())).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aRuleFilePrometheusRefusesIsRolledBackAndTheLastGoodOneStaysLoaded() throws Exception {
        String lastGood = Files.readString(properties.ruleFile());
        AlertRule unparseable = new AlertRule(
                "unparseable",
                "Unparseable",
                RuleCondition.ADVANCED,
                null,
                Duration.ofMinutes(1),
                Severity.WARNING,
                RuleScope.all(),
                List.of(),
                true,
                "sum(up",
                "");
        ManagedRuleFile file = new ManagedRuleFile(properties.ruleFile(), client, FileOperations.SYSTEM);

        assertThatThrownBy(() -> file.install(renderer.render(List.of(unparseable))))
                .isInstanceOf(RuleFileRefusedException.class)
                .hasMessageContaining("Prometheus refused");

        assertThat(Files.readString(properties.ruleFile())).isEqualTo(lastGood);
        assertThat(loadedRules()).contains("down_fast").doesNotContain("Unparseable");
    }

    private List<Alert> firing(String name) {
        return client.alerts().stream()
                .filter(alert -> name.equals(alert.labels().get("alertname")))
                .filter(alert -> alert.state().equals("firing"))
                .toList();
    }
}
