package dev.infradash.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.infradash.prometheus.PrometheusException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.EventListener;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PrometheusClientTest {
    private static final Instant T = Instant.ofEpochSecond(1795784140, 675_000_000);

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectAttempts = new AtomicInteger();
    private final EventListener counter = new EventListener() {
        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connectAttempts.incrementAndGet();
        }
    };
    private PrometheusClient client;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private PrometheusClient client(String path, Consumer<TestProperties> customizer) {
        // 127.0.0.1, not server.url(): that names "localhost", which may also resolve to ::1.
        TestProperties props = new TestProperties("http://127.0.0.1:" + server.getPort() + path);
        customizer.accept(props);
        client = new PrometheusClient(props.build(), sleeps::add, counter);
        return client;
    }

    private PrometheusClient client() {
        return client("/", p -> {});
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build());
    }

    private static String success(String data) {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    // --- parsing -----------------------------------------------------------------------------

    @Test
    void readsAlertsWithLabelsAnnotationsStateAndSince() throws Exception {
        answer(200, success("""
                {"alerts":[{"labels":{"alertname":"TargetDown","server":"ai","severity":"critical"},
                  "annotations":{"summary":"node exporter of ai is down"},"state":"firing",
                  "activeAt":"2026-11-27T12:00:01.5Z","value":"0e+00"},
                 {"labels":{"alertname":"HighCpuUsage"},"annotations":{},"state":"pending","activeAt":"2026-11-27T12:00:00Z"}]}"""));
        List<Alert> alerts = client("/prom/", p -> {}).alerts();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/prom/api/v1/alerts");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).name()).isEqualTo("TargetDown");
        assertThat(alerts.get(0).firing()).isTrue();
        assertThat(alerts.get(0).annotations()).containsEntry("summary", "node exporter of ai is down");
        assertThat(alerts.get(0).activeAt()).isEqualTo(Instant.parse("2026-11-27T12:00:01.5Z"));
        assertThat(alerts.get(1).firing()).isFalse();
        assertThat(alerts.get(1).value()).isNaN();
    }

    @Test
    void readsActiveTargetsWithHealthAndLastScrape() throws Exception {
        answer(200, success("""
                {"activeTargets":[{"discoveredLabels":{"__address__":"10.0.0.5:9100","__infradash_exporter":"node"},
                  "labels":{"server":"ai","job":"node","instance":"10.0.0.5:9100"},"scrapePool":"node",
                  "scrapeUrl":"http://10.0.0.5:9100/metrics","lastError":"","lastScrape":"2026-11-27T12:00:00.25Z",
                  "lastScrapeDuration":0.0125,"health":"up"},
                 {"discoveredLabels":{"__address__":"10.0.0.6:9100"},"labels":{"server":"db","job":"node"},
                  "scrapePool":"node","scrapeUrl":"http://10.0.0.6:9100/metrics","lastError":"connection refused",
                  "lastScrape":"0001-01-01T00:00:00Z","lastScrapeDuration":0,"health":"unknown"}],"droppedTargets":[]}"""));
        List<ScrapeTarget> targets = client().targets();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/targets");
        assertThat(request.getUrl().queryParameter("state")).isEqualTo("active");
        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).address()).isEqualTo("10.0.0.5:9100");
        assertThat(targets.get(0).health()).isEqualTo("up");
        assertThat(targets.get(0).lastScrape()).isEqualTo(Instant.parse("2026-11-27T12:00:00.25Z"));
        assertThat(targets.get(0).lastScrapeDuration())
                .isEqualTo(Duration.ofMillis(12).plusNanos(500_000));
        assertThat(targets.get(1).lastScrape()).as("never scraped").isNull();
        assertThat(targets.get(1).lastError()).isEqualTo("connection refused");
    }

    @Test
    void aTargetsAnswerWithoutActiveTargetsIsMalformed() {
        answer(200, success("{\"droppedTargets\":[]}"));
        assertThatThrownBy(() -> client().targets())
                .isInstanceOfSatisfying(
                        PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.MALFORMED_RESPONSE));
    }

    @Test
    void parsesVectorWithSpecialValuesAndExactTimestamps() {
        answer(200, success("""
                {"resultType":"vector","result":[
                 {"metric":{"__name__":"up","server":"a"},"value":[1795784140.675,"1"]},
                 {"metric":{"server":"b"},"value":[1700000000.001,"NaN"]},
                 {"metric":{"server":"c"},"value":[1700000000,"+Inf"]},
                 {"metric":{},"value":[1700000000.999,"-Inf"]},
                 {"metric":{"server":"e"},"value":[1700000000.5,"-1.5e-3"]},
                 {"metric":{"server":"f"},"value":[1700000000.123456789,"0"]}]}"""));

        VectorResult vector = client().query("up", T).asVector();

        assertThat(vector.samples())
                .extracting(Sample::timestamp)
                .containsExactly(
                        T,
                        Instant.ofEpochSecond(1700000000, 1_000_000),
                        Instant.ofEpochSecond(1700000000),
                        Instant.ofEpochSecond(1700000000, 999_000_000),
                        Instant.ofEpochSecond(1700000000, 500_000_000),
                        // 19 significant digits: a detour through double would lose the last ones
                        Instant.ofEpochSecond(1700000000, 123_456_789));
        assertThat(vector.samples())
                .extracting(Sample::value)
                .containsExactly(1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0015, 0.0);
        assertThat(vector.samples().get(0).labels())
                .containsExactly(Map.entry("__name__", "up"), Map.entry("server", "a"));
        assertThat(vector.samples().get(3).labels()).isEmpty();
        assertThatThrownBy(() -> vector.samples().get(0).labels().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parsesMatrix() {
        answer(200, success("""
                {"resultType":"matrix","result":[
                 {"metric":{"server":"a"},"values":[[1700000000,"1"],[1700000015.25,"2.5"]]},
                 {"metric":{"server":"b"},"values":[]}]}"""));

        MatrixResult matrix = client().queryRange("rate(x[1m])", T.minusSeconds(3600), T, Duration.ofSeconds(15))
                .asMatrix();

        assertThat(matrix.series()).hasSize(2);
        assertThat(matrix.series().get(0).labels()).containsExactly(Map.entry("server", "a"));
        assertThat(matrix.series().get(0).points())
                .containsExactly(
                        new Point(Instant.ofEpochSecond(1700000000), 1.0),
                        new Point(Instant.ofEpochSecond(1700000015, 250_000_000), 2.5));
        assertThat(matrix.series().get(1).points()).isEmpty();
    }

    @Test
    void parsesScalarAndString() {
        answer(200, success("{\"resultType\":\"scalar\",\"result\":[1795784140.675,\"42\"]}"));
        answer(200, success("{\"resultType\":\"string\",\"result\":[1795784140.675,\"hello\"]}"));

        QueryResponse scalar = client().query("42", T);
        QueryResponse string = client.query("\"hello\"", T);

        assertThat(scalar.result()).isEqualTo(new ScalarResult(T, 42.0));
        assertThat(string.result()).isEqualTo(new StringResult(T, "hello"));
        assertThatThrownBy(scalar::asVector)
                .isInstanceOf(PrometheusException.class)
                .extracting("kind")
                .isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void passesWarningsThrough() {
        answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]},"
                        + "\"warnings\":[\"PromQL info: metric might not be a counter\"]}");

        QueryResponse response = client().query("rate(x[5m])", T);

        assertThat(response.warnings()).containsExactly("PromQL info: metric might not be a counter");
        assertThat(response.asVector().samples()).isEmpty();
    }

    @Test
    void acceptsGzipTransparently() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(
                    success("{\"resultType\":\"scalar\",\"result\":[1,\"7\"]}").getBytes(StandardCharsets.UTF_8));
        }
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(zipped.toByteArray()))
                .build());

        assertThat(client().query("7", T).result()).isEqualTo(new ScalarResult(Instant.ofEpochSecond(1), 7.0));
        assertThat(takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    }

    // --- request shape -----------------------------------------------------------------------

    @Test
    void postsFormToPrefixedPathWithOrWithoutTrailingSlash() {
        for (String prefix : List.of("/prom", "/prom/")) {
            answer(200, success("{\"resultType\":\"vector\",\"result\":[]}"));
            PrometheusClient c = client(prefix, p -> {});
            assertThat(c.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.getPort() + "/prom");

            c.query("sum by (server) (up{job=\"node\"})", T);

            RecordedRequest request = takeRequest();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getUrl().encodedPath()).isEqualTo("/prom/api/v1/query");
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(form(request))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("query", "sum by (server) (up{job=\"node\"})", "time", "1795784140.675"));
            c.close();
        }
    }

    @Test
    void rangeQueryPostsStartEndStep() {
        answer(200, success("{\"resultType\":\"matrix\",\"result\":[]}"));

        client().queryRange("up", Instant.ofEpochSecond(1700000000), T, Duration.ofMillis(15_500));

        RecordedRequest request = takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
        assertThat(form(request))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("query", "up", "start", "1700000000.000", "end", "1795784140.675", "step", "15.500"));
    }

    @Test
    void sendsBasicAuthAndExtraHeaders() {
        answer(200, success("{\"resultType\":\"vector\",\"result\":[]}"));
        client("/", p -> {
                    p.username = "admin";
                    p.password = "s3cret:ü";
                    p.headers = Map.of("X-Scope-OrgID", "tenant-1");
                })
                .query("up", T);

        RecordedRequest request = takeRequest();
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo("Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString("admin:s3cret:ü".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeaders().get("X-Scope-OrgID")).isEqualTo("tenant-1");
    }

    @Test
    void sendsBearerToken() {
        answer(200, success("{\"resultType\":\"vector\",\"result\":[]}"));
        client("/", p -> p.bearerToken = "tok-123").query("up", T);

        assertThat(takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-123");
    }

    // --- connection failures and retries -----------------------------------------------------

    @Test
    void connectionRefusedIsRetriedWithBackoffThenUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        TestProperties props = new TestProperties("http://127.0.0.1:" + closedPort);
        props.maxRetries = 3;
        client = new PrometheusClient(props.build(), sleeps::add, counter);

        assertThatThrownBy(() -> client.query("up", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage())
                            .isEqualTo("Prometheus at http://127.0.0.1:" + closedPort
                                    + " is unreachable: Connection refused");
                });
        assertThat(connectAttempts).hasValue(1 + 3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void connectionDroppedBeforeAnswerIsRetried() {
        server.enqueue(new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket())
                .build());
        answer(200, success("{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}"));

        QueryResponse response = client().query("1", T);

        assertThat(response.result()).isEqualTo(new ScalarResult(Instant.ofEpochSecond(1), 1.0));
        assertThat(connectAttempts).hasValue(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void readTimeoutIsNotRetried() throws InterruptedException {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        answer(200, success("{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}")); // must stay unused

        PrometheusClient c = client("/", p -> p.readTimeout = Duration.ofMillis(300));

        assertThatThrownBy(() -> c.query("up", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(e.getMessage())
                            .isEqualTo("Prometheus at " + c.baseUrl() + " did not answer within 300ms");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(connectAttempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    // --- error answers -----------------------------------------------------------------------

    @Test
    void badDataIsQueryError() {
        answer(
                400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\","
                        + "\"error\":\"1:6: parse error: unexpected end of input\"}");

        assertThatThrownBy(() -> client().query("sum(", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.QUERY_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("bad_data");
                    assertThat(e.prometheusError()).isEqualTo("1:6: parse error: unexpected end of input");
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Prometheus at " + client.baseUrl()
                                            + " rejected the query (HTTP 400, bad_data): 1:6: parse error: unexpected end of input");
                });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void executionErrorIsQueryError() {
        answer(
                422,
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}");

        assertThatThrownBy(() -> client().query("a * on() b", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.QUERY_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorType()).isEqualTo("execution");
                    assertThat(e.prometheusError()).isEqualTo("many-to-many matching not allowed");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void proxyHtmlPageIsHttpError() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Content-Type", "text/html")
                .body("<html><body><h1>503 Service Unavailable</h1>No server is available</body></html>")
                .build());

        assertThatThrownBy(() -> client().query("up", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.errorType()).isNull();
                    assertThat(e.getMessage())
                            .isEqualTo("Prometheus at " + client.baseUrl()
                                    + " answered HTTP 503: 503 Service Unavailable No server is available");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void truncatedJsonIsMalformed() {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{");

        assertThatThrownBy(() -> client().query("up", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage())
                            .startsWith("Prometheus at " + client.baseUrl() + " sent malformed JSON: ");
                });
    }

    @Test
    void nonJsonIsMalformed() {
        server.enqueue(new MockResponse.Builder()
                .body("<!doctype html><title>Grafana</title>")
                .build());

        assertThatThrownBy(() -> client().query("up", T))
                .asInstanceOf(type(PrometheusException.class))
                .extracting(PrometheusException::kind)
                .isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void successWithoutDataIsMalformed() {
        answer(200, "{\"status\":\"success\"}");
        answer(200, success("{\"resultType\":\"vector\"}"));
        answer(200, success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"abc\"]}]}"));

        client();
        for (String expected : List.of("'data' is missing", "missing 'result'", "bad sample value 'abc'")) {
            assertThatThrownBy(() -> client.query("up", T))
                    .asInstanceOf(type(PrometheusException.class))
                    .satisfies(e -> {
                        assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
                        assertThat(e.getMessage()).contains(expected);
                    });
        }
    }

    // --- size limit --------------------------------------------------------------------------

    private static String bigVector(int samples) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            result.append(i == 0 ? "" : ",")
                    .append("{\"metric\":{\"server\":\"s")
                    .append(i)
                    .append("\"},\"value\":[1700000000,\"")
                    .append(i)
                    .append("\"]}");
        }
        return success("{\"resultType\":\"vector\",\"result\":[" + result + "]}");
    }

    @Test
    void chunkedBodyOverLimitIsTooLarge() {
        server.enqueue(
                new MockResponse.Builder().chunkedBody(bigVector(200), 512).build());

        assertThatThrownBy(() -> client("/", p -> p.maxResponseSize = DataSize.ofKilobytes(1))
                        .query("up", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("more than 1024 bytes");
                });
    }

    @Test
    void contentLengthOverLimitIsTooLarge() {
        answer(200, bigVector(200));

        assertThatThrownBy(() -> client("/", p -> p.maxResponseSize = DataSize.ofKilobytes(1))
                        .query("up", T))
                .asInstanceOf(type(PrometheusException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("Content-Length");
                });
    }

    @Test
    void bodyUnderLimitParses() {
        String body = bigVector(20);
        answer(200, body);

        assertThat(client("/", p -> p.maxResponseSize = DataSize.ofBytes(body.length()))
                        .query("up", T)
                        .asVector()
                        .samples())
                .hasSize(20);
    }

    // --- helpers -----------------------------------------------------------------------------

    private RecordedRequest takeRequest() {
        try {
            RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS);
            assertThat(request).as("request reached the server").isNotNull();
            return request;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBody().utf8().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
