package dev.infradash.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Micrometer's OkHttp listener on OkHttp 5 times every call by endpoint; the client counts failures by kind. */
class RequestMetricsTest {

    private final MockWebServer server = new MockWebServer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private PrometheusClient client;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = new PrometheusClient(
                new TestProperties("http://127.0.0.1:" + server.getPort() + "/prom/").build(), meters);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build());
    }

    @Test
    void everyCallIsTimedByEndpointAndFailuresAreCountedByKind() {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        answer(200, "{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
        answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}");
        answer(200, "{\"status\":\"succ");

        client.query("up", Instant.now());
        client.alerts();
        assertThatThrownBy(() -> client.query("up{", Instant.now())).isInstanceOf(PrometheusException.class);
        assertThatThrownBy(() -> client.query("up", Instant.now())).isInstanceOf(PrometheusException.class);

        Timer queries = meters.find("infradash.prometheus.requests")
                .tag("endpoint", "query")
                .timer();
        assertThat(queries).isNotNull();
        assertThat(meters.find("infradash.prometheus.requests").tag("endpoint", "query").timers().stream()
                        .mapToLong(Timer::count)
                        .sum())
                .isEqualTo(3L);
        assertThat(meters.find("infradash.prometheus.requests")
                        .tag("endpoint", "alerts")
                        .tag("outcome", "SUCCESS")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("infradash.prometheus.requests")
                        .tag("endpoint", "query")
                        .tag("status", "400")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("infradash.prometheus.errors")
                        .tag("endpoint", "query")
                        .tag("kind", "query_error")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("infradash.prometheus.errors")
                        .tag("endpoint", "query")
                        .tag("kind", "malformed_response")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("infradash.prometheus.errors")
                        .tag("endpoint", "alerts")
                        .counter())
                .isNull();
    }
}
