package dev.infradash.fleet;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.prometheus.Sample;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Issue 16 against a real Prometheus that loads the shipped prometheus/rules/infradash-recording.yml:
 * the collector switches to the recorded series once Prometheus evaluates them, and the recorded
 * answer carries the same parts, for the same servers, as the raw one.
 */
class RecordingRulesIT {

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(b -> b.nodeExporters(1))
            .then(stack -> {
                stack.writeTargets(server("rec-1", "db", "Rec One", Exporter.NODE, stack.nodeExporterHostPort(0)));
                stack.awaitTargetsUp(1, Duration.ofSeconds(30));
            });

    static PrometheusClient client;

    @AfterAll
    static void close() {
        if (client != null) client.close();
    }

    private static FleetQueries queries(Map<String, String> properties) {
        return new FleetQueries(new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("infradash", CollectorProperties.class));
    }

    private static Map<String, Sample> byPart(List<Sample> samples, String server) {
        return samples.stream()
                .filter(s -> server.equals(s.labels().get("server")))
                .collect(Collectors.toMap(
                        s -> s.labels().get(FleetQueries.QUERY_LABEL), Function.identity(), (a, b) -> a));
    }

    @Test
    void withTheDefaultWindowTheCycleReadsTheRecordedSeriesAndGetsTheSameParts() {
        client = new PrometheusClient(PrometheusProperties.of(prometheus.stack().prometheusUrl()));
        FleetQueries defaults = queries(Map.of());
        RecordingRules rules = new RecordingRules(client, defaults);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(rules::used);
        assertThat(rules.status().reason()).startsWith("used");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Instant now = Instant.now();
            List<Sample> recordedAnswer = client.query(defaults.combined(Map.of(), true), now)
                    .asVector()
                    .samples();
            // the recorded series' names would only grow the answer (824 -> 969 KB at 500 servers)
            assertThat(recordedAnswer).allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("__name__"));
            Map<String, Sample> recorded = byPart(recordedAnswer, "rec-1");
            Map<String, Sample> raw = byPart(
                    client.query(defaults.combined(Map.of(), false), now)
                            .asVector()
                            .samples(),
                    "rec-1");
            assertThat(recorded.keySet()).isEqualTo(raw.keySet()).contains("cpu_busy", "memory_used", "cores");
            assertThat(recorded.get("cores").value()).isEqualTo(raw.get("cores").value());
            assertThat(recorded.get("cpu_busy").value()).isBetween(0.0, 100.0);
        });
    }

    @Test
    void withAnotherRateWindowTheRawExpressionsAreSentAndTheHealthSaysWhy() {
        client = client != null
                ? client
                : new PrometheusClient(
                        PrometheusProperties.of(prometheus.stack().prometheusUrl()));
        RecordingRules rules = new RecordingRules(client, queries(Map.of("infradash.rate-window", "2m")));

        assertThat(rules.used()).isFalse();
        assertThat(rules.status().reason()).contains("infradash.rate-window");
    }
}
