package dev.infradash.alerting;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One alert rule as an admin defines it; Infradash renders it into its Prometheus rule file
 * ({@link RuleFileRenderer}). Validated by {@link RuleValidator} before it is stored.
 *
 * @param id         stable identifier, the value of the {@link RuleRoutes#RULE_LABEL} label
 * @param name       the alert's name as people read it (also Prometheus' {@code alertname}, with
 *                   characters Prometheus does not allow in it turned into underscores)
 * @param threshold  in the condition's unit, null when the condition takes none
 * @param forDuration how long the condition must hold before the alert fires
 * @param channels   channel ids to notify; empty means every channel
 * @param advanced   the PromQL expression of an {@link RuleCondition#ADVANCED} rule, else null
 * @param service    for service conditions: the one service check watched; empty = every check
 */
public record AlertRule(
        String id,
        String name,
        RuleCondition condition,
        @Nullable Double threshold,
        Duration forDuration,
        Severity severity,
        RuleScope scope,
        List<String> channels,
        boolean enabled,
        @Nullable String advanced,
        String service) {

    public AlertRule {
        channels = List.copyOf(channels);
    }

    public AlertRule withId(String newId) {
        return new AlertRule(
                newId, name, condition, threshold, forDuration, severity, scope, channels, enabled, advanced, service);
    }

    public AlertRule withEnabled(boolean on) {
        return new AlertRule(
                id, name, condition, threshold, forDuration, severity, scope, channels, on, advanced, service);
    }

    /** Prometheus' alertname: a metric-name-like identifier. */
    public String alertName() {
        String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }
}
