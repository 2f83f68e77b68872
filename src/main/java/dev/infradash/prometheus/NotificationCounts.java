package dev.infradash.prometheus;

import java.util.Map;

/**
 * Alertmanager's own delivery counters by integration ({@code webhook}, {@code email}, ...), read
 * from its {@code /metrics}: {@code alertmanager_notifications_total} and
 * {@code alertmanager_notifications_failed_total}. Alertmanager 0.25 counts per integration, not
 * per receiver, so a failure is attributable to a receiver only when it is the only one of its
 * kind or by comparing counts around a test send.
 */
public record NotificationCounts(Map<String, Long> attempted, Map<String, Long> failed) {

    public NotificationCounts {
        attempted = Map.copyOf(attempted);
        failed = Map.copyOf(failed);
    }

    public long attempted(String integration) {
        return attempted.getOrDefault(integration, 0L);
    }

    public long failed(String integration) {
        return failed.getOrDefault(integration, 0L);
    }
}
