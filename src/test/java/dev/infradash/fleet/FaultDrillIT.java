package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The slow fault drills, with the client's DEFAULT limits (10 s read timeout, 8 MB answers):
 * a Prometheus that answers after 10 s, and one that sends 50 MB. Both end as an honest outage
 * snapshot, bounded in time and memory, and the next good answer recovers.
 */
class FaultDrillIT {

    @TempDir
    Path dir;

    private final MockWebServer prometheus = new MockWebServer();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile Supplier<MockResponse> answer;
    private PrometheusClient client;
    private FleetSnapshotPublisher publisher;
    private MetricsCollector collector;

    @BeforeEach
    void setUp() throws Exception {
        prometheus.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().endsWith("/alerts")) {
                    return json("{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
                }
                queries.incrementAndGet();
                return answer.get();
            }
        });
        prometheus.start(InetAddress.getByName("127.0.0.1"), 0);
        Path targets = dir.resolve("targets.json");
        Files.writeString(
                targets,
                "[{\"targets\": [\"127.0.0.1:9100\"], \"labels\": {\"server\": \"web-1\","
                        + " \"__infradash_exporter\": \"node\"}}]");
        PrometheusProperties properties =
                PrometheusProperties.of(URI.create("http://127.0.0.1:" + prometheus.getPort()));
        client = new PrometheusClient(properties);
        CollectorProperties collectorProperties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("infradash", CollectorProperties.class);
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(targets), new ObjectMapper());
        publisher = new FleetSnapshotPublisher(properties, registry, new SimpleMeterRegistry());
        collector = new MetricsCollector(
                client,
                new FleetQueries(collectorProperties),
                RecordingRules.fixed(
                        client,
                        new FleetQueries(collectorProperties),
                        new RecordingRules.Status(false, "raw expressions in this test")),
                registry,
                publisher,
                List.of(),
                collectorProperties,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() throws Exception {
        collector.stop();
        client.close();
        publisher.destroy();
        prometheus.close();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static MockResponse healthy() {
        return json(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"server\":\"web-1\",\"job\":\"node\",\"infradash_query\":\"up\"},\"value\":[1795780800,\"1\"]},"
                        + "{\"metric\":{\"server\":\"web-1\",\"infradash_query\":\"cpu_busy\"},\"value\":[1795780800,\"12.5\"]}]}}");
    }

    @Test
    void aPrometheusThatAnswersAfterTenSecondsIsAnOutageAfterTheReadTimeoutAndRecovers() {
        answer = FaultDrillIT::healthy;
        assertThat(collector.collectNow().prometheus().reachable()).isTrue();
        answer = () -> {
            try {
                Thread.sleep(10_500); // Prometheus busy: the answer comes after the 10 s read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return healthy();
        };
        long start = System.nanoTime();
        FleetSnapshot slow = collector.collectNow();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fault drill: Prometheus answering after 10.5 s -> outage after %d ms%n", millis);

        assertThat(slow.prometheus().reachable()).isFalse();
        assertThat(slow.prometheus().error()).contains("did not").contains("10s");
        assertThat(millis).as("bounded by the read timeout, not retried").isBetween(9_500L, 12_000L);
        assertThat(slow.server("web-1").orElseThrow().stale()).isTrue();
        assertThat(slow.server("web-1").orElseThrow().node().cpuBusyPercent().value())
                .isEqualTo(12.5);

        answer = FaultDrillIT::healthy;
        FleetSnapshot back = collector.collectNow();
        assertThat(back.prometheus().reachable()).isTrue();
        assertThat(back.server("web-1").orElseThrow().stale()).isFalse();
        assertThat(queries.get())
                .as("one query per cycle, no retry of the slow one")
                .isEqualTo(3);
    }

    @Test
    void aFiftyMegabyteAnswerIsRefusedWithBoundedMemory() {
        answer = FaultDrillIT::healthy;
        collector.collectNow();
        // a syntactically valid vector of 50 MB: the size, not the syntax, is what is refused
        StringBuilder json = new StringBuilder(52 * 1024 * 1024);
        json.append("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        int i = 0;
        while (json.length() < 50 * 1024 * 1024) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"metric\":{\"server\":\"s")
                    .append(i++)
                    .append("\",\"infradash_query\":\"up\",\"job\":\"node\"},\"value\":[1795780800,\"1\"]}");
        }
        json.append("]}}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        // once announced by Content-Length (refused before reading), once chunked (counted while reading)
        Map<String, Supplier<MockResponse>> ways = new java.util.LinkedHashMap<>();
        ways.put(
                "Content-Length",
                () -> new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .body(new Buffer().write(body))
                        .build());
        ways.put(
                "chunked",
                () -> new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .chunkedBody(new Buffer().write(body), 64 * 1024)
                        .build());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (var way : ways.entrySet()) {
            answer = way.getValue();
            long before = threads.getCurrentThreadAllocatedBytes();
            FleetSnapshot big = collector.collectNow();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.printf(
                    "fault drill: %d MB answer (%s) refused; the collecting thread allocated %d MB%n",
                    body.length / (1024 * 1024), way.getKey(), allocated / (1024 * 1024));

            assertThat(big.prometheus().reachable()).as(way.getKey()).isFalse();
            assertThat(big.prometheus().error()).as(way.getKey()).contains("8388608");
            assertThat(big.servers()).extracting(ServerSnapshot::id).containsExactly("web-1");
            assertThat(allocated)
                    .as("bounded by the 8 MB limit, not the 50 MB body")
                    .isLessThan(120L * 1024 * 1024);
        }

        answer = FaultDrillIT::healthy;
        assertThat(collector.collectNow().prometheus().reachable()).isTrue();
    }
}
