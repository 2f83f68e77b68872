package dev.infradash.alerting;

/**
 * Prometheus refused the new rule file (or could not be asked); the last good file is back in
 * place and nothing was changed. The message is Prometheus' reason.
 */
public class RuleFileRefusedException extends RuntimeException {

    public RuleFileRefusedException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
