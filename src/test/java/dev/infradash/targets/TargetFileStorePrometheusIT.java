package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetQueries;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.Health;
import dev.infradash.fleet.MetricsCollector;
import dev.infradash.fleet.RecordingRules;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.testsupport.PrometheusStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The store against a REAL Prometheus (1 s scrape) and node_exporter on loopback: a server added
 * through the store is discovered through file_sd/inotify, scraped, and shown UP by the
 * collector; deleted, it disappears from both.
 */
class TargetFileStorePrometheusIT {

    private static final String ID = "added-by-store";

    @TempDir
    Path dataDir;

    private static Optional<JsonNode> target(PrometheusStack stack, String server) {
        return stack.activeTargets().stream()
                .filter(t -> server.equals(t.path("labels").path("server").asText()))
                .findFirst();
    }

    @Test
    void aServerAddedThroughTheStoreIsScrapedAndShownUpAndDeletedDisappears() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (PrometheusStack stack = PrometheusStack.builder().nodeExporters(1).start()) {
            TargetFileStore store = new TargetFileStore(
                    new TargetsProperties(stack.targetsFile()),
                    new TargetValidator(),
                    new AuditLog(new DataProperties(dataDir), json),
                    json,
                    Clock.systemUTC());
            CollectorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                            "infradash.refresh-interval",
                            "200ms",
                            "infradash.rate-window",
                            "10s",
                            "infradash.slow-parts-interval",
                            "0s")))
                    .bindOrCreate("infradash", CollectorProperties.class);
            PrometheusProperties prometheusProperties = PrometheusProperties.of(stack.prometheusUrl());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            TargetRegistry registry = new TargetRegistry(new TargetsProperties(stack.targetsFile()), json);
            FleetSnapshotPublisher publisher = new FleetSnapshotPublisher(prometheusProperties, registry, meters);
            try (PrometheusClient client = new PrometheusClient(prometheusProperties)) {
                MetricsCollector collector = new MetricsCollector(
                        client,
                        new FleetQueries(properties),
                        RecordingRules.fixed(
                                client,
                                new FleetQueries(properties),
                                new RecordingRules.Status(false, "raw expressions in this test")),
                        registry,
                        publisher,
                        java.util.List.of(),
                        properties,
                        Clock.systemUTC(),
                        meters);
                try {
                    String hostPort = stack.nodeExporterHostPort(0);
                    ServerDefinition server = new ServerDefinition(
                            ID,
                            "Added by the store",
                            "test",
                            List.of(ExporterDefinition.fromAddress(ExporterKind.NODE, hostPort, "http", "/metrics")),
                            Map.of("env", "it"));
                    Versioned<List<ServerDefinition>> empty = store.load();
                    assertThat(empty.value()).isEmpty();

                    long saved = System.nanoTime();
                    String version = store.add(server, empty.version(), new Actor("it", "127.0.0.1"));
                    JsonNode up = await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(50))
                            .until(
                                    () -> target(stack, ID),
                                    t -> t.isPresent()
                                            && "up"
                                                    .equals(t.get()
                                                            .path("health")
                                                            .asText()))
                            .orElseThrow();
                    double secondsToUp = (System.nanoTime() - saved) / 1e9;
                    System.out.printf("save -> target up in Prometheus: %.2f s%n", secondsToUp);
                    assertThat(up.path("labels").path("role").asText()).isEqualTo("test");
                    assertThat(up.path("labels").path("env").asText()).isEqualTo("it");
                    assertThat(up.path("labels").path("job").asText()).isEqualTo("node");
                    assertThat(up.path("scrapeUrl").asText()).isEqualTo("http://" + hostPort + "/metrics");

                    FleetSnapshot withServer = await().atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(200))
                            .until(
                                    collector::collectNow,
                                    s -> s.server(ID)
                                            .map(x -> x.health() == Health.UP)
                                            .orElse(false));
                    assertThat(withServer.server(ID).orElseThrow().displayName())
                            .isEqualTo("Added by the store");
                    assertThat(withServer.server(ID).orElseThrow().configured()).isTrue();

                    long deleted = System.nanoTime();
                    store.delete(ID, version, new Actor("it", "127.0.0.1"));
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> target(stack, ID).isEmpty());
                    System.out.printf(
                            "delete -> target gone from Prometheus: %.2f s%n", (System.nanoTime() - deleted) / 1e9);
                    // The very next snapshot no longer counts it as configured (the registry saw the
                    // new file); the collector keeps showing a server while Prometheus still answers
                    // `up` for it, i.e. until the staleness markers of the dropped target (≈ 2 scrapes).
                    FleetSnapshot next = collector.collectNow();
                    assertThat(next.server(ID).map(s -> s.configured())).isNotEqualTo(Optional.of(true));
                    await().atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(200))
                            .until(collector::collectNow, s -> s.server(ID).isEmpty());
                    System.out.printf(
                            "delete -> gone from the collector's snapshot: %.2f s%n",
                            (System.nanoTime() - deleted) / 1e9);
                    assertThat(store.load().value()).isEmpty();
                    assertThat(new AuditLog(new DataProperties(dataDir), json).recent(10))
                            .extracting(AuditEntry::action)
                            .containsExactly(AuditAction.DELETE, AuditAction.ADD);
                } finally {
                    collector.stop();
                    publisher.destroy();
                }
            }
        }
    }
}
