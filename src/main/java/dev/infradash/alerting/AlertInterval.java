package dev.infradash.alerting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stretch of time an alert fired, from Prometheus' {@code ALERTS} series.
 *
 * @param server   the alert's server label, or empty when the alert names none
 * @param start    the first evaluation step at which it fired (known to within one step)
 * @param end      the last step at which it fired, or null while it still fires
 * @param duration how long it was seen firing: its evaluation steps times the step, so never
 *     less than one step (a firing shorter than a step is one point)
 * @param resolution the step: start, end and duration are known to within it
 */
public record AlertInterval(
        String server,
        String alertname,
        String severity,
        Instant start,
        @Nullable Instant end,
        @JsonIgnore Duration duration,
        @JsonIgnore Duration resolution) {

    @JsonProperty("ongoing")
    public boolean ongoing() {
        return end == null;
    }

    /** The duration in whole seconds, as the REST API answers it. */
    @JsonProperty("durationSeconds")
    public long durationSeconds() {
        return duration.toSeconds();
    }

    /** The step in whole seconds: a {@code durationSeconds} equal to it means "at most this long". */
    @JsonProperty("resolutionSeconds")
    public long resolutionSeconds() {
        return resolution.toSeconds();
    }
}
