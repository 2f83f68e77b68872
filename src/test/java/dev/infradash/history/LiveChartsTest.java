package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.Reading;
import dev.infradash.base.chart.Series;
import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.GpuMetrics;
import dev.infradash.fleet.PrometheusStatus;
import dev.infradash.fleet.ServerDetail;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.prometheus.Sample;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The live part of the charts: what it adds to the cycle's query, and that it names and folds
 * the answer exactly as the server's history load named and folded its series.
 */
class LiveChartsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String UUID = "0b5c7f5e-1d2a-4f43-9c0e-5a1d0e6b7f21";

    @TempDir
    Path dir;

    private final MockWebServer prometheus = new MockWebServer();
    private PrometheusClient client;
    private FleetSnapshotPublisher publisher;
    private ServerHistory history;
    private final ServerWatch watch = new ServerWatch();
    private LiveCharts live;

    @BeforeEach
    void setUp() throws Exception {
        prometheus.start(InetAddress.getByName("127.0.0.1"), 0);
        PrometheusProperties properties =
                PrometheusProperties.of(URI.create("http://127.0.0.1:" + prometheus.getPort()));
        client = new PrometheusClient(properties);
        CollectorProperties collector = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("infradash", CollectorProperties.class);
        publisher = new FleetSnapshotPublisher(
                properties,
                new TargetRegistry(new TargetsProperties(dir.resolve("t.json")), new ObjectMapper()),
                new SimpleMeterRegistry());
        ChartQueries queries = new ChartQueries(collector);
        history = new ServerHistory(client, queries, collector, publisher);
        live = new LiveCharts(watch, queries, history, collector);
    }

    @AfterEach
    void tearDown() {
        history.destroy();
        publisher.destroy();
        client.close();
        prometheus.close();
    }

    @Test
    void asksNothingWhileNobodyWatchesAndEveryChartForAllWatchedServersInOnePartEach() {
        assertThat(live.parts()).isEmpty();

        try (FleetSnapshotPublisher.Subscription a = watch.watch("web-1");
                FleetSnapshotPublisher.Subscription b = watch.watch("gpu-1")) {
            Map<String, String> parts = live.parts();
            assertThat(parts.keySet())
                    .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(Chart.values())
                            .map(LiveCharts::key)
                            .toList());
            assertThat(parts.values()).allSatisfy(promql -> assertThat(promql).contains("server=~\"gpu-1|web-1\""));
        }
        assertThat(live.parts()).as("the last viewer left").isEmpty();
    }

    @Test
    void liveValuesAreNamedAndFoldedLikeTheServersLatestHistoryLoad() throws Exception {
        // history: six interfaces, eth<i> carrying i; the busiest four are drawn by name
        for (int i = 0; i < Chart.values().length; i++) {
            prometheus.enqueue(matrix(IntStream.range(0, 6)
                    .mapToObj(n -> "{\"server\":\"web-1\",\"series\":\"rx eth" + n + "\",\"device\":\"eth" + n
                            + "\"},\"values\":[[" + NOW.getEpochSecond() + ",\"" + n + "\"]]")
                    .collect(Collectors.toList())));
        }
        Map<Chart, ChartData> loaded = history.load("web-1", TimeWindow.live(TimeWindow.Preset.M15, NOW))
                .get(10, TimeUnit.SECONDS);
        List<String> drawn =
                loaded.get(Chart.NETWORK).series().stream().map(Series::name).toList();
        assertThat(drawn).containsExactlyInAnyOrder("rx eth2", "rx eth3", "rx eth4", "rx eth5", "rx other");

        List<Sample> network = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            network.add(
                    new Sample(Map.of("server", "web-1", "series", "rx eth" + n, "device", "eth" + n), NOW, 10 + n));
        }
        Sample temperature = new Sample(Map.of("server", "gpu-1", "uuid", UUID), NOW, 64);
        FleetSnapshot fleet = new FleetSnapshot(
                7,
                NOW.plusSeconds(5),
                new PrometheusStatus("http://p", true, null, NOW),
                List.of(
                        server("web-1", List.of()),
                        server(
                                "gpu-1",
                                List.of(new GpuMetrics(UUID, "NVIDIA A100", null, null, new Reading(64, NOW), null)))),
                Map.of(),
                "t.json",
                null,
                Map.of());

        Map<String, ServerDetail> details = live.answered(
                Map.of(
                        LiveCharts.key(Chart.NETWORK),
                        network,
                        LiveCharts.key(Chart.GPU_TEMPERATURE),
                        List.of(temperature)),
                fleet);

        assertThat(details).containsOnlyKeys("web-1", "gpu-1");
        ServerDetail web = details.get("web-1");
        assertThat(web.sampledAt()).isEqualTo(fleet.collectedAt());
        assertThat(LiveCharts.values(web, Chart.NETWORK))
                .containsOnlyKeys(drawn)
                .containsEntry("rx eth5", 15.0)
                .containsEntry("rx other", 10.0 + 11.0);
        assertThat(LiveCharts.values(details.get("gpu-1"), Chart.GPU_TEMPERATURE))
                .containsExactly(Map.entry("NVIDIA A100 · 0b5c7f5e", 64.0));
    }

    private static ServerSnapshot server(String id, List<GpuMetrics> gpus) {
        return dev.infradash.fleet.TestSnapshots.server(id)
                .role("")
                .exporter("node", true, NOW)
                .gpus(gpus.toArray(GpuMetrics[]::new))
                .gpuExporterConfigured(!gpus.isEmpty())
                .build();
    }

    private static MockResponse matrix(List<String> series) {
        String result = series.stream().map(s -> "{\"metric\":" + s + "}").collect(Collectors.joining(","));
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + result + "]}}")
                .build();
    }
}
