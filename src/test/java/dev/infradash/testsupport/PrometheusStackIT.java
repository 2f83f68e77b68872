package dev.infradash.testsupport;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.testsupport.GpuExporterStub.Dialect;
import dev.infradash.testsupport.GpuExporterStub.Gpu;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Exercises the fixture against real Prometheus + node_exporter, with the product's prometheus.yml. */
class PrometheusStackIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final Gpu A100 = new Gpu(
            "GPU-5d8e1a2b-0c4f-4e6a-9b1d-2f3c4d5e6f70", "NVIDIA A100-SXM4-40GB", 37, 12 * GIB, 40 * GIB, 61, 215.5);
    private static final Gpu RTX = new Gpu(
            "GPU-A1B2C3D4-1111-2222-3333-444455556666", "NVIDIA GeForce RTX 4090", 80, 20 * GIB, 24 * GIB, 72, 390.25);

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(b -> b.nodeExporters(2)
                    .gpuExporter(Dialect.DCGM, A100)
                    .gpuExporter(Dialect.NVIDIA_SMI, RTX)
                    .scrapeInterval(Duration.ofSeconds(1)))
            .then(stack -> {
                stack.writeTargets(
                        server("ai-server", "ai", "AI Server", Exporter.NODE, stack.nodeExporterHostPort(0)),
                        server(
                                "ai-server",
                                "ai",
                                "AI Server",
                                Exporter.GPU,
                                stack.gpuExporter(0).hostPort()),
                        server("app-server", "proxmox", "App Server", Exporter.NODE, stack.nodeExporterHostPort(0)),
                        server(
                                "storage-server",
                                "storage",
                                "Storage Server",
                                Exporter.NODE,
                                stack.nodeExporterHostPort(1)),
                        server(
                                "storage-server",
                                "storage",
                                null,
                                Exporter.GPU,
                                stack.gpuExporter(1).hostPort()));
                stack.awaitTargetsUp(5, TIMEOUT);
            });

    private static PrometheusStack stack;

    @BeforeAll
    static void bindStack() {
        stack = prometheus.stack();
    }

    @Test
    void targetLabelsLandOnSeriesAndAggregateByServer() {
        JsonNode result = awaitResult("count by (server) (up{job=\"node\"})", 3);
        assertThat(labelValues(result, "server"))
                .containsExactlyInAnyOrder("ai-server", "app-server", "storage-server");

        JsonNode load = awaitResult("node_load1", 3);
        assertThat(load)
                .allSatisfy(
                        s -> assertThat(s.path("metric").path("role").asText()).isNotEmpty());
        // "__"-prefixed target labels (display name, exporter kind) never reach series
        assertThat(stack.query("{__infradash_name=~\".+\"}")).isEmpty();
        assertThat(stack.query("{__infradash_exporter=~\".+\"}")).isEmpty();
        assertThat(fieldNames(stack.query("up"))).noneMatch(l -> l.startsWith("__infradash"));
    }

    @Test
    void gpuStubsAreScrapedWithTheirValuesAndServerLabel() {
        JsonNode dcgm = awaitResult("DCGM_FI_DEV_GPU_TEMP", 1).get(0);
        assertThat(dcgm.path("metric").path("server").asText()).isEqualTo("ai-server");
        assertThat(dcgm.path("metric").path("job").asText()).isEqualTo("gpu");
        assertThat(dcgm.path("metric").path("UUID").asText()).isEqualTo(A100.uuid());
        assertThat(dcgm.path("metric").path("modelName").asText()).isEqualTo(A100.model());
        assertThat(dcgm.path("value").get(1).asDouble()).isEqualTo(61);
        assertThat(awaitResult("DCGM_FI_DEV_FB_USED", 1)
                        .get(0)
                        .path("value")
                        .get(1)
                        .asDouble())
                .isEqualTo(12 * 1024);
        assertThat(stack.query("DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE + DCGM_FI_DEV_FB_RESERVED")
                        .get(0)
                        .path("value")
                        .get(1)
                        .asDouble())
                .isEqualTo(40 * 1024);

        JsonNode smi = awaitResult("nvidia_smi_temperature_gpu", 1).get(0);
        assertThat(smi.path("metric").path("server").asText()).isEqualTo("storage-server");
        assertThat(smi.path("metric").path("uuid").asText()).isEqualTo("a1b2c3d4-1111-2222-3333-444455556666");
        assertThat(smi.path("value").get(1).asDouble()).isEqualTo(72);
        assertThat(awaitResult("nvidia_smi_utilization_gpu_ratio", 1)
                        .get(0)
                        .path("value")
                        .get(1)
                        .asDouble())
                .isEqualTo(0.8);
        assertThat(awaitResult("nvidia_smi_gpu_info * on (uuid) group_left nvidia_smi_power_draw_watts", 1)
                        .get(0)
                        .path("metric")
                        .path("name")
                        .asText())
                .isEqualTo(RTX.model());

        stack.gpuExporter(1).update(0, g -> g.withTemperatureC(88));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(stack.query("nvidia_smi_temperature_gpu{server=\"storage-server\"}")
                                .get(0)
                                .path("value")
                                .get(1)
                                .asDouble())
                        .isEqualTo(88));
    }

    @Test
    void stoppedNodeExporterShowsAsDownAndRecoversOnTheSamePort() {
        String up = "up{job=\"node\",server=\"storage-server\"}";
        awaitValue(up, 1);
        stack.stopNodeExporter(1);
        awaitValue(up, 0);
        assertThat(awaitValue("up{job=\"node\",server=\"ai-server\"}", 1)).isEqualTo(1);

        stack.startNodeExporter(1);
        awaitValue(up, 1);
    }

    @Test
    void restartKeepsEarlierSamples() {
        String expr = "up{job=\"node\",server=\"app-server\"}";
        await().atMost(TIMEOUT).until(() -> count("count_over_time(" + expr + "[1m])") >= 3);
        Instant beforeStop = Instant.now();

        stack.stopPrometheus();
        stack.startPrometheus();

        JsonNode series = stack.queryRange(expr, beforeStop.minusSeconds(60), beforeStop, Duration.ofSeconds(1));
        assertThat(series).hasSize(1);
        List<Double> timestamps = new ArrayList<>();
        series.get(0).path("values").forEach(v -> timestamps.add(v.get(0).asDouble()));
        assertThat(timestamps)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(beforeStop.toEpochMilli() / 1000.0));
        stack.awaitTargetsUp(5, TIMEOUT);
    }

    @Test
    void startFailureReportsTheLogTail(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(
                dir.resolve("prometheus.yml"),
                "global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\nscrape_configs: nonsense\n");
        assertThatThrownBy(() -> PrometheusStack.builder()
                        .nodeExporters(0)
                        .prometheusConfig(broken)
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("prometheus did not become ready")
                .hasMessageContaining("--- tail of")
                .hasMessageContaining("Error loading config");
    }

    private static JsonNode awaitResult(String promql, int size) {
        return await().atMost(TIMEOUT).until(() -> stack.query(promql), r -> r.size() == size);
    }

    private static double awaitValue(String promql, double expected) {
        return await().atMost(TIMEOUT)
                .until(
                        () -> {
                            JsonNode r = stack.query(promql);
                            return r.size() == 1 ? r.get(0).path("value").get(1).asDouble() : Double.NaN;
                        },
                        v -> v == expected);
    }

    private static double count(String promql) {
        JsonNode r = stack.query(promql);
        return r.isEmpty() ? 0 : r.get(0).path("value").get(1).asDouble();
    }

    private static Set<String> labelValues(JsonNode result, String label) {
        Set<String> values = new TreeSet<>();
        result.forEach(s -> values.add(s.path("metric").path(label).asText()));
        return values;
    }

    private static Set<String> fieldNames(JsonNode result) {
        Set<String> names = new TreeSet<>();
        result.forEach(s -> s.path("metric").fieldNames().forEachRemaining(names::add));
        return names;
    }
}
