package dev.infradash.alerting;

import java.util.List;
import java.util.stream.Collectors;

/** A rule was refused; nothing was written. */
public class InvalidRuleException extends RuntimeException {

    private final List<RuleFieldError> errors;

    public InvalidRuleException(List<RuleFieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleFieldError> errors() {
        return errors;
    }
}
