package dev.infradash.alerting;

/** No rule with this id. */
public class NoSuchRuleException extends RuntimeException {

    public NoSuchRuleException(String id) {
        super("No alert rule with id " + id);
    }
}
