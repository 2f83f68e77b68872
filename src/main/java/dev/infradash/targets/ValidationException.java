package dev.infradash.targets;

import java.util.List;
import java.util.stream.Collectors;

/** The edited list breaks one or more rules; nothing was written. */
public class ValidationException extends TargetStoreException {

    private static final int ERRORS_IN_MESSAGE = 10;

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        String shown = errors.stream()
                .limit(ERRORS_IN_MESSAGE)
                .map(FieldError::toString)
                .collect(Collectors.joining("; "));
        int hidden = errors.size() - ERRORS_IN_MESSAGE;
        return "invalid server list: " + shown + (hidden > 0 ? " (and " + hidden + " more)" : "");
    }
}
