package dev.infradash.alerting;

import dev.infradash.base.VersionConflictException;

/** A write named a version of the rule (If-Match, or the one an edit dialog opened with) that is no longer the stored one. */
public class RuleChangedException extends VersionConflictException {

    public RuleChangedException(String id) {
        super("The alert rule " + id + " changed since that version");
    }

    @Override
    public String apiDetail() {
        return "The rule changed since that version; nothing was written."
                + " GET the rule for its current content and version";
    }
}
