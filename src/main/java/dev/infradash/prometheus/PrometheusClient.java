package dev.infradash.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.infradash.prometheus.PrometheusException.Kind;
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
import org.jspecify.annotations.Nullable;

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
    /** Error bodies are small envelopes or proxy pages; read no more than this of them. */
    private static final long MAX_ERROR_BODY = 64 * 1024;

    private final PrometheusProperties properties;
    private final URI baseUrl;
    private final HttpUrl apiBase;
    private final Headers headers;
    private final OkHttpClient http;
    private final Sleeper sleeper;
    // Floats as BigDecimal: timestamps must convert to Instant without binary rounding.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public PrometheusClient(PrometheusProperties properties) {
        this(properties, d -> Thread.sleep(d.toMillis()), EventListener.NONE);
    }

    PrometheusClient(PrometheusProperties properties, Sleeper sleeper, EventListener eventListener) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
        return execute(post("api/v1/query", new FormBody.Builder()
                .add("query", promql)
                .add("time", seconds(time))
                .build()), QueryResponseParser::parse);
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
        return execute(post("api/v1/query_range", new FormBody.Builder()
                .add("query", promql)
                .add("start", seconds(start))
                .add("end", seconds(end))
                .add("step", seconds(step))
                .build()), QueryResponseParser::parse);
    }

    /** Pending and firing alerts, as Prometheus' rule evaluation sees them now. */
    public List<Alert> alerts() {
        return execute(get("api/v1/alerts", Map.of()), AlertsParser::parse);
    }

    /** The active scrape targets with their health, last scrape and last error. */
    public List<ScrapeTarget> targets() {
        return execute(get("api/v1/targets", Map.of("state", "active")), TargetsParser::parse);
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
                throw transportFailure(e, "");
            }
            try (response) {
                return handle(response, parser);
            }
        }
    }

    private static boolean isConnectionFailure(IOException e, Call call) {
        return !call.isCanceled()
                && !(e instanceof InterruptedIOException) // timeouts
                && !(e instanceof SSLException)           // TLS set-up errors do not heal
                && !(e instanceof ProtocolException);     // something answered, just not HTTP
    }

    private void backoff(int attempt, IOException cause) {
        Duration delay = properties.retryBackoff().multipliedBy(1L << Math.min(attempt, 20));
        try {
            sleeper.sleep(delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PrometheusException failure = transportFailure(cause, "");
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private <T> T handle(Response response, DataParser<T> parser) {
        ResponseBody body = response.body();
        if (!response.isSuccessful()) {
            throw httpFailure(response, body);
        }
        long limit = properties.maxResponseSize().toBytes();
        if (body.contentLength() > limit) {
            throw tooLarge("Content-Length " + body.contentLength(), null);
        }
        JsonNode root;
        try (InputStream in = new LimitedInputStream(body.byteStream(), limit)) {
            root = mapper.readTree(in);
        } catch (LimitedInputStream.TooLargeException e) {
            throw tooLarge("more than " + limit + " bytes", e);
        } catch (JsonProcessingException e) {
            throw malformed("sent malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw transportFailure(e, " while sending its answer");
        }
        return parseEnvelope(root, response.code(), parser);
    }

    private <T> T parseEnvelope(JsonNode root, int status, DataParser<T> parser) {
        if (root == null || !root.isObject()) {
            throw malformed("sent malformed JSON: not a JSON object", null);
        }
        if ("error".equals(root.path("status").asText())) {
            throw queryError(root, status);
        }
        if (!"success".equals(root.path("status").asText())) {
            throw malformed("sent an unexpected answer: status is " + root.get("status"), null);
        }
        try {
            JsonNode data = root.get("data");
            if (data == null || !data.isObject()) {
                throw new MalformedResponseException("status is success but 'data' is missing");
            }
            return parser.parse(data, warnings(root));
        } catch (MalformedResponseException e) {
            throw malformed("sent an unexpected answer: " + e.getMessage(), e);
        }
    }

    private static List<String> warnings(JsonNode root) {
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return warnings;
    }

    /** Non-2xx: Prometheus' own error envelope means QUERY_ERROR, anything else HTTP_ERROR. */
    private PrometheusException httpFailure(Response response, ResponseBody body) {
        byte[] bytes;
        try (InputStream in = new LimitedInputStream(body.byteStream(), MAX_ERROR_BODY)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            bytes = new byte[0]; // a huge or broken error page: the status alone has to do
        }
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root != null && "error".equals(root.path("status").asText())) {
                return queryError(root, response.code());
            }
        } catch (IOException notJson) {
            // a proxy's HTML page: fall through
        }
        String location = response.header("Location");
        String detail = location != null ? " (redirect to " + location + ")" : snippet(bytes);
        return new PrometheusException(Kind.HTTP_ERROR, "Prometheus at " + baseUrl + " answered HTTP "
                + response.code() + detail, response.code(), null, null, null);
    }

    private PrometheusException queryError(JsonNode root, int status) {
        String errorType = root.hasNonNull("errorType") ? root.get("errorType").asText() : null;
        String error = root.hasNonNull("error") ? root.get("error").asText() : null;
        return new PrometheusException(Kind.QUERY_ERROR, "Prometheus at " + baseUrl
                + " rejected the query (HTTP " + status + ", " + errorType + "): " + error,
                status, errorType, error, null);
    }

    private PrometheusException transportFailure(IOException e, String when) {
        if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase().contains("connect")) {
            return new PrometheusException(Kind.TIMEOUT, "Prometheus at " + baseUrl
                    + " did not accept a connection within " + human(properties.connectTimeout()), e);
        }
        if (e instanceof SocketTimeoutException) {
            return new PrometheusException(Kind.TIMEOUT, "Prometheus at " + baseUrl
                    + " did not answer within " + human(properties.readTimeout()) + when, e);
        }
        if (e instanceof InterruptedIOException) { // OkHttp's call timeout
            return new PrometheusException(Kind.TIMEOUT, "Prometheus at " + baseUrl
                    + " did not finish answering within " + human(properties.callTimeout()), e);
        }
        return new PrometheusException(Kind.UNREACHABLE, "Prometheus at " + baseUrl + " is unreachable"
                + when + ": " + reason(e), e);
    }

    private PrometheusException malformed(String what, @Nullable Throwable cause) {
        return new PrometheusException(Kind.MALFORMED_RESPONSE, "Prometheus at " + baseUrl + " " + what, cause);
    }

    private PrometheusException tooLarge(String size, @Nullable Throwable cause) {
        return new PrometheusException(Kind.RESPONSE_TOO_LARGE, "Prometheus at " + baseUrl + " sent " + size
                + ", over infradash.prometheus.max-response-size " + properties.maxResponseSize()
                + "; narrow the query or its time range", cause);
    }

    private static Headers buildHeaders(PrometheusProperties p) {
        // Built once so a bad header name or value fails at start-up, not on the first query.
        Headers.Builder builder = new Headers.Builder().add("Accept", "application/json");
        p.headers().forEach(builder::set);
        // Accept-Encoding is left to OkHttp: setting it ourselves would switch off transparent gunzip.
        if (p.username() != null || p.password() != null) {
            builder.set("Authorization", Credentials.basic(Objects.toString(p.username(), ""),
                    Objects.toString(p.password(), ""), StandardCharsets.UTF_8));
        } else if (p.bearerToken() != null) {
            builder.set("Authorization", "Bearer " + p.bearerToken());
        }
        return builder.build();
    }

    /** Seconds with milliseconds, the form Prometheus documents: "1795784140.675". */
    static String seconds(Instant time) {
        return BigDecimal.valueOf(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9))
                .setScale(3, RoundingMode.FLOOR).toPlainString();
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .setScale(3, RoundingMode.FLOOR).toPlainString();
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** OkHttp wraps "Connection refused" in "Failed to connect to ..."; the inner reason reads better. */
    private static String reason(IOException e) {
        Throwable t = e;
        if (e instanceof ConnectException && e.getCause() != null && e.getCause().getMessage() != null) {
            t = e.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
