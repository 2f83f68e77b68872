package dev.infradash.alerting;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How far back the alert history looks, and at what step it reads Prometheus' {@code ALERTS}
 * series: a firing shorter than the step can still not be missed (the query takes the max over
 * each step), but its start and end are known to within one step.
 */
public enum HistoryRange {
    DAY("24h", "Last 24 hours", Duration.ofHours(24), Duration.ofSeconds(15)),
    WEEK("7d", "Last 7 days", Duration.ofDays(7), Duration.ofMinutes(1));

    private final String key;
    private final String label;
    private final Duration length;
    private final Duration step;

    HistoryRange(String key, String label, Duration length, Duration step) {
        this.key = key;
        this.label = label;
        this.length = length;
        this.step = step;
    }

    @JsonValue // "24h" or "7d" in JSON, as the query parameter spells it
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** 24 h at 15 s and 7 d at 1 min: 5760 and 10080 points, under Prometheus' 11000 per series. */
    public Duration step() {
        return step;
    }

    public static Optional<HistoryRange> parse(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}
