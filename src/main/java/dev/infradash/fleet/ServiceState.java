package dev.infradash.fleet;

import org.jspecify.annotations.Nullable;

/**
 * A service check of a server as the last cycle saw it (probe_* series of job blackbox). Null
 * values are unknown: not probed yet, or the probe has no such value (a status code for TCP).
 *
 * @param kind              http, tcp, icmp or dns
 * @param up                probe_success; null before the first probe or when blackbox_exporter does not answer
 * @param latencyMs         probe_duration_seconds in milliseconds
 * @param statusCode        probe_http_status_code (http only; 0 when no answer came)
 * @param uptime24hPercent  share of successful probes over the last 24 h (of what Prometheus holds)
 * @param certExpiresInDays days until the earliest certificate of the chain expires (https only)
 * @param problem           why the state is unknown or down, when Infradash can tell; null otherwise
 * @param expectStatus      http only: the status codes that count as up (2xx, 2xx-3xx, 2xx-4xx); null otherwise
 */
public record ServiceState(
        String name,
        String kind,
        String target,
        @Nullable Boolean up,
        @Nullable Double latencyMs,
        @Nullable Integer statusCode,
        @Nullable Double uptime24hPercent,
        @Nullable Double certExpiresInDays,
        @Nullable String problem,
        @Nullable String expectStatus) {

    /** Certificates closer to expiry than this many days are a warning on the card and detail view. */
    public static final int CERT_WARNING_DAYS = 14;

    /** A state without an expected status range (any kind but http, or an http check expecting 2xx). */
    public ServiceState(
            String name,
            String kind,
            String target,
            @Nullable Boolean up,
            @Nullable Double latencyMs,
            @Nullable Integer statusCode,
            @Nullable Double uptime24hPercent,
            @Nullable Double certExpiresInDays,
            @Nullable String problem) {
        this(
                name,
                kind,
                target,
                up,
                latencyMs,
                statusCode,
                uptime24hPercent,
                certExpiresInDays,
                problem,
                "http".equals(kind) ? "2xx" : null);
    }

    public boolean down() {
        return Boolean.FALSE.equals(up);
    }

    public boolean certExpiring() {
        return certExpiresInDays != null && certExpiresInDays < CERT_WARNING_DAYS;
    }
}
