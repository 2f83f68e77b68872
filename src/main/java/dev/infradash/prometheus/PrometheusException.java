package dev.infradash.prometheus;

import org.jspecify.annotations.Nullable;

/** Any failure talking to Prometheus; {@link #kind()} says what the caller can do about it. */
public class PrometheusException extends RuntimeException {

    public enum Kind {
        /** The request never got an answer: connection refused, DNS failure, connection dropped. */
        UNREACHABLE,
        /** Connect, read or whole-call timeout. Never retried: a slow Prometheus must not get more load. */
        TIMEOUT,
        /** A non-2xx answer without Prometheus' JSON error envelope, e.g. a proxy's 502 page. */
        HTTP_ERROR,
        /** Prometheus refused or failed the query: {@link #errorType()} and {@link #prometheusError()} say why. */
        QUERY_ERROR,
        /** The answer was not the JSON Prometheus documents. */
        MALFORMED_RESPONSE,
        /** The answer was larger than {@code infradash.prometheus.max-response-size}. */
        RESPONSE_TOO_LARGE
    }

    private final Kind kind;
    private final int httpStatus;
    private final @Nullable String errorType;
    private final @Nullable String prometheusError;

    public PrometheusException(Kind kind, String message, @Nullable Throwable cause) {
        this(kind, message, 0, null, null, cause);
    }

    public PrometheusException(
            Kind kind,
            String message,
            int httpStatus,
            @Nullable String errorType,
            @Nullable String prometheusError,
            @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.prometheusError = prometheusError;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status of the answer, 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Prometheus' {@code errorType} (bad_data, execution, timeout, ...), null when none. */
    public @Nullable String errorType() {
        return errorType;
    }

    /** Prometheus' {@code error} text, null when none. */
    public @Nullable String prometheusError() {
        return prometheusError;
    }
}
