package dev.infradash.fleet;

import java.util.Map;

/**
 * The fleet's questions about service checks: the probe_* series blackbox_exporter returns, by
 * server and service. Selected by the {@code service} label (not the job name), the label
 * contract of {@code ServiceLabels}; each part adds one aggregate to the cycle's ONE request,
 * whatever the number of checks.
 */
final class ServiceQueries {

    private static final String CHECKS = "{server!=\"\",service!=\"\"}";

    private ServiceQueries() {}

    static void add(Map<FleetQuery, String> q) {
        q.put(FleetQuery.SERVICE_UP, "max by (server, service) (probe_success" + CHECKS + ")");
        q.put(FleetQuery.SERVICE_PROBER_UP, "max by (server, service) (up" + CHECKS + ")");
        q.put(FleetQuery.SERVICE_LATENCY, "max by (server, service) (probe_duration_seconds" + CHECKS + ")");
        q.put(FleetQuery.SERVICE_STATUS, "max by (server, service) (probe_http_status_code" + CHECKS + ")");
        q.put(
                FleetQuery.SERVICE_CERT_EXPIRY,
                "min by (server, service) (probe_ssl_earliest_cert_expiry" + CHECKS + ") - time()");
        // of what Prometheus holds: with less than 24 h of samples it is the share of those
        q.put(
                FleetQuery.SERVICE_UPTIME_24H,
                "100 * max by (server, service) (avg_over_time(probe_success" + CHECKS + "[24h]))");
    }
}
