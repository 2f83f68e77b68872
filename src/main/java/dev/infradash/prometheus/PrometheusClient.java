package dev.infradash.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.EventListener;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Talks to Prometheus' HTTP API through one OkHttpClient (one connection pool). Thread-safe;
 * calls block the calling thread. Every failure is a {@link PrometheusException}.
 */
public class PrometheusClient implements AutoCloseable {

    /** Backoff between retries; injectable so tests neither wait nor guess that it happened. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One backoff step never exceeds this: a dashboard refresh waiting minutes helps nobody. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final PrometheusProperties properties;
    private final URI baseUrl;
    private final HttpUrl apiBase;
    private final Headers headers;
    private final OkHttpClient http;
    private final Sleeper sleeper;
    private final RequestMetrics metrics;
    private final PrometheusFailures failures;
    // Floats as BigDecimal: timestamps must convert to Instant without binary rounding.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** A client whose requests are not measured (an empty composite registry records nothing). */
    public PrometheusClient(PrometheusProperties properties) {
        this(properties, new CompositeMeterRegistry());
    }

    /** A client that times its requests and counts its failures in {@code meters} (see {@link RequestMetrics}). */
    public PrometheusClient(PrometheusProperties properties, MeterRegistry meters) {
        this(properties, d -> Thread.sleep(d.toMillis()), new RequestMetrics(meters));
    }

    PrometheusClient(PrometheusProperties properties, Sleeper sleeper, EventListener eventListener) {
        this(properties, sleeper, new RequestMetrics(new CompositeMeterRegistry()), eventListener);
    }

    private PrometheusClient(PrometheusProperties properties, Sleeper sleeper, RequestMetrics metrics) {
        this(properties, sleeper, metrics, metrics.listener());
    }

    private PrometheusClient(
            PrometheusProperties properties, Sleeper sleeper, RequestMetrics metrics, EventListener eventListener) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.metrics = metrics;
        HttpUrl url = HttpUrl.get(properties.url().toString());
        // Drop trailing empty segments so "http://proxy/prom/" and "http://proxy/prom" are the same.
        HttpUrl.Builder normalized = url.newBuilder();
        for (int i = url.pathSize() - 1; i > 0 && url.pathSegments().get(i).isEmpty(); i--) {
            normalized.removePathSegment(i);
        }
        this.apiBase = normalized.build();
        String base = apiBase.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.headers = buildHeaders(properties);
        this.failures = new PrometheusFailures(properties, baseUrl, mapper);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.readTimeout())
                .callTimeout(properties.callTimeout())
                // We retry ourselves: bounded, counted and only when Prometheus never saw the request.
                .retryOnConnectionFailure(false)
                // A redirect would turn our POST into a body-less GET (or leak headers to another
                // host); better to report it as an HTTP error naming the Location.
                .followRedirects(false)
                .eventListener(eventListener)
                .build();
    }

    /** The configured URL without trailing slash, e.g. {@code http://proxy/prom}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Instant query at {@code time}. POST, because dashboard queries get long. */
    public QueryResponse query(String promql, Instant time) {
        Objects.requireNonNull(promql, "promql");
        Objects.requireNonNull(time, "time");
        return execute(
                post(
                        "api/v1/query",
                        new FormBody.Builder()
                                .add("query", promql)
                                .add("time", seconds(time))
                                .build()),
                QueryResponseParser::parse);
    }

    /** Range query from {@code start} to {@code end} (inclusive) every {@code step}. */
    public QueryResponse queryRange(String promql, Instant start, Instant end, Duration step) {
        Objects.requireNonNull(promql, "promql");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (step.toMillis() < 1) { // we send milliseconds: anything finer would become 0
            throw new IllegalArgumentException("step must be at least 1ms: " + step);
        }
        return execute(
                post(
                        "api/v1/query_range",
                        new FormBody.Builder()
                                .add("query", promql)
                                .add("start", seconds(start))
                                .add("end", seconds(end))
                                .add("step", seconds(step))
                                .build()),
                QueryResponseParser::parse);
    }

    /** Pending and firing alerts, as Prometheus' rule evaluation sees them now. */
    public List<Alert> alerts() {
        return execute(get("api/v1/alerts", Map.of()), AlertsParser::parse);
    }

    /** The active scrape targets with their health, last scrape and last error. */
    public List<ScrapeTarget> targets() {
        return execute(get("api/v1/targets", Map.of("state", "active")), TargetsParser::parse);
    }

    /**
     * Prometheus' build information ({@code /api/v1/status/buildinfo}: version, revision, ...).
     * Empty from a Prometheus-compatible backend that answers without it, as VictoriaMetrics does.
     */
    public Map<String, String> buildInfo() {
        return execute(get("api/v1/status/buildinfo", Map.of()), (data, warnings) -> {
            Map<String, String> info = new java.util.LinkedHashMap<>();
            data.fields()
                    .forEachRemaining(e -> info.put(e.getKey(), e.getValue().asText("")));
            return info;
        });
    }

    /** The recording rules the backend evaluates, of every group. */
    public List<RecordingRule> recordingRules() {
        return execute(get("api/v1/rules", Map.of("type", "record")), (data, warnings) -> {
            List<RecordingRule> rules = new ArrayList<>();
            for (JsonNode group : data.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!"recording".equals(rule.path("type").asText())) continue;
                    // never evaluated: Prometheus reports Go's zero time, 0001-01-01T00:00:00Z
                    String last = rule.path("lastEvaluation").asText("");
                    rules.add(new RecordingRule(
                            rule.path("name").asText(""),
                            rule.path("query").asText(""),
                            rule.path("health").asText(""),
                            !last.isEmpty() && !last.startsWith("0001-")));
                }
            }
            return rules;
        });
    }

    /** How many rule groups the backend evaluates ({@code /api/v1/rules}); 0 means no alert can fire. */
    public int ruleGroupCount() {
        return execute(
                get("api/v1/rules", Map.of()),
                (data, warnings) -> data.path("groups").size());
    }

    /**
     * Asks Prometheus to re-read its configuration and rule files ({@code POST /-/reload}, which
     * needs {@code --web.enable-lifecycle}). Prometheus answers 200 only when the new files were
     * loaded; otherwise it keeps running on the old ones and answers 500 with the reason, which
     * this throws as an {@link PrometheusException.Kind#HTTP_ERROR} carrying Prometheus' text.
     * Never retried: a reload is not read-only.
     */
    public void reload() {
        Request request = new Request.Builder()
                .url(apiBase.newBuilder().addPathSegments("-/reload").build())
                .headers(headers)
                .post(new FormBody.Builder().build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw failures.httpFailure(response, response.body());
            }
        } catch (IOException e) {
            throw failures.transportFailure(e, "");
        }
    }

    private Request get(String apiPath, Map<String, String> query) {
        HttpUrl.Builder url = apiBase.newBuilder().addPathSegments(apiPath);
        query.forEach(url::addQueryParameter);
        return new Request.Builder().url(url.build()).headers(headers).get().build();
    }

    /** Frees the connection pool and dispatcher threads; calls after this fail. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Parses the {@code data} of a successful envelope; one per API endpoint. */
    @FunctionalInterface
    interface DataParser<T> {
        T parse(JsonNode data, List<String> warnings);
    }

    private Request post(String apiPath, FormBody form) {
        return new Request.Builder()
                .url(apiBase.newBuilder().addPathSegments(apiPath).build())
                .headers(headers)
                .post(form)
                .build();
    }

    /**
     * Sends the request, retrying only failures where no answer came back (connection refused,
     * or closed before a status line, as a stale keep-alive connection does) - safe because the
     * API calls we make are read-only. Timeouts and HTTP errors are never retried.
     */
    private <T> T execute(Request request, DataParser<T> parser) {
        try {
            return attempt(request, parser);
        } catch (PrometheusException e) {
            metrics.failed(request, e);
            throw e;
        }
    }

    private <T> T attempt(Request request, DataParser<T> parser) {
        for (int attempt = 0; ; attempt++) {
            Call call = http.newCall(request);
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                if (attempt < properties.maxRetries() && isConnectionFailure(e, call)) {
                    backoff(attempt, e);
                    continue;
                }
                throw failures.transportFailure(e, "");
            }
            try (response) {
                return handle(response, parser);
            }
        }
    }

    private static boolean isConnectionFailure(IOException e, Call call) {
        return !call.isCanceled()
                && !(e instanceof InterruptedIOException) // timeouts
                && !(e instanceof SSLException) // TLS set-up errors do not heal
                && !(e instanceof ProtocolException); // something answered, just not HTTP
    }

    private void backoff(int attempt, IOException cause) {
        Duration delay = properties.retryBackoff().multipliedBy(1L << Math.min(attempt, 20));
        try {
            sleeper.sleep(delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PrometheusException failure = failures.transportFailure(cause, "");
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private <T> T handle(Response response, DataParser<T> parser) {
        ResponseBody body = response.body();
        if (!response.isSuccessful()) {
            throw failures.httpFailure(response, body);
        }
        long limit = properties.maxResponseSize().toBytes();
        if (body.contentLength() > limit) {
            throw failures.tooLarge("Content-Length " + body.contentLength(), null);
        }
        JsonNode root;
        try (InputStream in = new LimitedInputStream(body.byteStream(), limit)) {
            root = mapper.readTree(in);
        } catch (LimitedInputStream.TooLargeException e) {
            throw failures.tooLarge("more than " + limit + " bytes", e);
        } catch (JsonProcessingException e) {
            throw failures.malformed("sent malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw failures.transportFailure(e, " while sending its answer");
        }
        return parseEnvelope(root, response.code(), parser);
    }

    private <T> T parseEnvelope(JsonNode root, int status, DataParser<T> parser) {
        if (root == null || !root.isObject()) {
            throw failures.malformed("sent malformed JSON: not a JSON object", null);
        }
        if ("error".equals(root.path("status").asText())) {
            throw failures.queryError(root, status);
        }
        if (!"success".equals(root.path("status").asText())) {
            throw failures.malformed("sent an unexpected answer: status is " + root.get("status"), null);
        }
        try {
            JsonNode data = root.get("data");
            if (data == null || !data.isObject()) {
                throw new MalformedResponseException("status is success but 'data' is missing");
            }
            return parser.parse(data, warnings(root));
        } catch (MalformedResponseException e) {
            throw failures.malformed("sent an unexpected answer: " + e.getMessage(), e);
        }
    }

    private static List<String> warnings(JsonNode root) {
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return warnings;
    }

    private static Headers buildHeaders(PrometheusProperties p) {
        // Built once so a bad header name or value fails at start-up, not on the first query.
        Headers.Builder builder = new Headers.Builder().add("Accept", "application/json");
        p.headers().forEach(builder::set);
        // Accept-Encoding is left to OkHttp: setting it ourselves would switch off transparent gunzip.
        if (p.username() != null || p.password() != null) {
            builder.set(
                    "Authorization",
                    Credentials.basic(
                            Objects.toString(p.username(), ""),
                            Objects.toString(p.password(), ""),
                            StandardCharsets.UTF_8));
        } else if (p.bearerToken() != null) {
            builder.set("Authorization", "Bearer " + p.bearerToken());
        }
        return builder.build();
    }

    /** Seconds with milliseconds, the form Prometheus documents: "1795784140.675". */
    static String seconds(Instant time) {
        return BigDecimal.valueOf(time.getEpochSecond())
                .add(BigDecimal.valueOf(time.getNano(), 9))
                .setScale(3, RoundingMode.FLOOR)
                .toPlainString();
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), 9))
                .setScale(3, RoundingMode.FLOOR)
                .toPlainString();
    }
}
