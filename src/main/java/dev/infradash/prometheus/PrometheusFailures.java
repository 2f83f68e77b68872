package dev.infradash.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.prometheus.PrometheusException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/** Turns what went wrong with one request into a {@link PrometheusException} whose message names Prometheus and why. */
final class PrometheusFailures {

    /** Error bodies are small envelopes or proxy pages; read no more than this of them. */
    private static final long MAX_ERROR_BODY = 64 * 1024;

    private final PrometheusProperties properties;
    private final URI baseUrl;
    private final ObjectMapper mapper;

    PrometheusFailures(PrometheusProperties properties, URI baseUrl, ObjectMapper mapper) {
        this.properties = properties;
        this.baseUrl = baseUrl;
        this.mapper = mapper;
    }

    /** Non-2xx: Prometheus' own error envelope means QUERY_ERROR, anything else HTTP_ERROR. */
    PrometheusException httpFailure(Response response, ResponseBody body) {
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
        return new PrometheusException(
                Kind.HTTP_ERROR,
                "Prometheus at " + baseUrl + " answered HTTP " + response.code() + detail,
                response.code(),
                null,
                null,
                null);
    }

    PrometheusException queryError(JsonNode root, int status) {
        String errorType = root.hasNonNull("errorType") ? root.get("errorType").asText() : null;
        String error = root.hasNonNull("error") ? root.get("error").asText() : null;
        return new PrometheusException(
                Kind.QUERY_ERROR,
                "Prometheus at " + baseUrl + " rejected the query (HTTP " + status + ", " + errorType + "): " + error,
                status,
                errorType,
                error,
                null);
    }

    PrometheusException transportFailure(IOException e, String when) {
        if (e instanceof SocketTimeoutException
                && String.valueOf(e.getMessage()).toLowerCase().contains("connect")) {
            return new PrometheusException(
                    Kind.TIMEOUT,
                    "Prometheus at " + baseUrl + " did not accept a connection within "
                            + human(properties.connectTimeout()),
                    e);
        }
        if (e instanceof SocketTimeoutException) {
            return new PrometheusException(
                    Kind.TIMEOUT,
                    "Prometheus at " + baseUrl + " did not answer within " + human(properties.readTimeout()) + when,
                    e);
        }
        if (e instanceof InterruptedIOException) { // OkHttp's call timeout
            return new PrometheusException(
                    Kind.TIMEOUT,
                    "Prometheus at " + baseUrl + " did not finish answering within " + human(properties.callTimeout()),
                    e);
        }
        return new PrometheusException(
                Kind.UNREACHABLE, "Prometheus at " + baseUrl + " is unreachable" + when + ": " + reason(e), e);
    }

    PrometheusException malformed(String what, @Nullable Throwable cause) {
        return new PrometheusException(Kind.MALFORMED_RESPONSE, "Prometheus at " + baseUrl + " " + what, cause);
    }

    PrometheusException tooLarge(String size, @Nullable Throwable cause) {
        return new PrometheusException(
                Kind.RESPONSE_TOO_LARGE,
                "Prometheus at " + baseUrl + " sent " + size
                        + ", over infradash.prometheus.max-response-size " + properties.maxResponseSize()
                        + "; narrow the query or its time range",
                cause);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** OkHttp wraps "Connection refused" in "Failed to connect to ..."; the inner reason reads better. */
    static String reason(IOException e) {
        Throwable t = e;
        if (e instanceof ConnectException
                && e.getCause() != null
                && e.getCause().getMessage() != null) {
            t = e.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8)
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
