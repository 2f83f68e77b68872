package dev.infradash.alerting;

/** A write named a version of the rule (If-Match) that is no longer the stored one. */
public class RuleChangedException extends RuntimeException {

    public RuleChangedException(String id) {
        super("The alert rule " + id + " changed since that version");
    }
}
