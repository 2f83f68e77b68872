package dev.infradash.prometheus;

import org.jspecify.annotations.Nullable;

/**
 * Any failure talking to Alertmanager. The message is fit for an admin: it names Alertmanager's
 * URL and, when Alertmanager refused something (a bad silence, a configuration it cannot load),
 * quotes its reason, which {@link #reason()} also carries alone.
 */
public class AlertmanagerException extends RuntimeException {

    private final int httpStatus;
    private final @Nullable String reason;

    public AlertmanagerException(String message, int httpStatus, @Nullable String reason, @Nullable Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.reason = reason;
    }

    /** HTTP status of Alertmanager's answer; 0 when there was none (unreachable, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Alertmanager's own text for a refusal, or null when it did not answer. */
    public @Nullable String reason() {
        return reason;
    }
}
