package dev.infradash.alerting;

/**
 * Alertmanager refused the configuration Infradash rendered; the last good file was restored
 * and reloaded, and the change that led to it was not saved. The message quotes Alertmanager's
 * reason with every secret masked.
 */
public class AlertmanagerConfigRefusedException extends RuntimeException {

    public AlertmanagerConfigRefusedException(String message) {
        super(message);
    }
}
