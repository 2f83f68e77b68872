package dev.infradash.prometheus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpMetricsEventListener;
import java.util.List;
import java.util.Locale;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The client's meters: Micrometer's OkHttp listener times every HTTP call as
 * {@code infradash.prometheus.requests} (tags {@code endpoint}, {@code uri}, {@code method},
 * {@code status}, {@code outcome} and the target's; a query's text never becomes a tag), and failures are counted by {@link PrometheusException.Kind}, which only the
 * client knows (a 200 with malformed JSON is a failure HTTP cannot see), as
 * {@code infradash.prometheus.errors}.
 */
final class RequestMetrics {

    private final MeterRegistry meters;

    RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    EventListener listener() {
        return OkHttpMetricsEventListener.builder(meters, "infradash.prometheus.requests")
                .uriMapper(request -> request.url().encodedPath()) // fixed per endpoint: no ids in our paths
                .tag((request, response) -> Tag.of("endpoint", endpoint(request)))
                .includeHostTag(false)
                .build();
    }

    void failed(Request request, PrometheusException failure) {
        meters.counter(
                        "infradash.prometheus.errors",
                        List.of(
                                Tag.of("endpoint", endpoint(request)),
                                Tag.of("kind", failure.kind().name().toLowerCase(Locale.ROOT))))
                .increment();
    }

    /** "query", "query_range", "alerts", "targets": the last segment of the API path. */
    static String endpoint(Request request) {
        HttpUrl url = request.url();
        List<String> segments = url.pathSegments();
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }
}
