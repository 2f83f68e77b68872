package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;

class ScrapeHealthTest {

    private final MockWebServer server = new MockWebServer();
    private final MutableClock clock = new MutableClock();
    private PrometheusClient client;
    private ScrapeHealth health;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = new PrometheusClient(PrometheusProperties.of(URI.create("http://127.0.0.1:" + server.getPort())));
        health = new ScrapeHealth(client, clock, new ThreadPoolTaskExecutorBuilder());
    }

    @AfterEach
    void stop() {
        health.destroy();
        client.close();
        server.close();
    }

    private void answer(String health, String lastError) {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("""
                {"status":"success","data":{"activeTargets":[{"discoveredLabels":{"__address__":"10.0.0.5:9100"},
                  "labels":{"server":"ai","job":"node","instance":"10.0.0.5:9100"},"scrapePool":"node",
                  "scrapeUrl":"http://10.0.0.5:9100/metrics","lastError":"%s","lastScrape":"2026-11-27T12:00:00.25Z",
                  "lastScrapeDuration":0.0125,"health":"%s"}],"droppedTargets":[]}}""".formatted(lastError, health))
                .build());
    }

    @Test
    void readersWithinTheMaxAgeShareOneRequestAndALaterReaderGetsAFreshOne() throws Exception {
        answer("up", "");
        answer("down", "connection refused");

        ScrapeHealth.Snapshot first = health.read().get(10, TimeUnit.SECONDS);
        assertThat(first.error()).isNull();
        assertThat(first.find("ai", "10.0.0.5:9100"))
                .hasValue(new ScrapeStatus(
                        "ai",
                        "10.0.0.5:9100",
                        "node",
                        "up",
                        "",
                        Instant.parse("2026-11-27T12:00:00.25Z"),
                        Duration.ofMillis(12).plusNanos(500_000)));
        assertThat(first.find("ai", "10.0.0.6:9100")).isEmpty();
        assertThat(first.find("db", "10.0.0.5:9100")).isEmpty();

        clock.advance(ScrapeHealth.MAX_AGE.minusMillis(1));
        assertThat(health.read().get(10, TimeUnit.SECONDS)).isSameAs(first);
        assertThat(server.getRequestCount()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        ScrapeHealth.Snapshot second = health.read().get(10, TimeUnit.SECONDS);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(second.find("ai", "10.0.0.5:9100").orElseThrow().health()).isEqualTo("down");
        assertThat(second.find("ai", "10.0.0.5:9100").orElseThrow().lastError()).isEqualTo("connection refused");
    }

    @Test
    void anUnreachablePrometheusIsASnapshotWithAnError() throws Exception {
        server.close();
        ScrapeHealth.Snapshot read = health.read().get(30, TimeUnit.SECONDS);
        assertThat(read.error()).isNotBlank();
        assertThat(read.targets()).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aBackendWithoutTheTargetsApiIsExplainedNotReportedAsAnHttpError() throws Exception {
        server.enqueue(
                new MockResponse.Builder().code(404).body("404 page not found").build());

        ScrapeHealth.Snapshot snapshot = health.read().get(10, TimeUnit.SECONDS);

        assertThat(snapshot.targets()).isEmpty();
        assertThat(snapshot.error()).isEqualTo(ScrapeHealth.NO_TARGETS_API).doesNotContain("HTTP 404");
    }
}
