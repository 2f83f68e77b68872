package dev.infradash.alerting;

import java.util.List;

/** A silence request that was refused: nothing was sent to Alertmanager. */
public class SilenceRefusedException extends RuntimeException {

    private final transient List<FieldError> errors;

    public SilenceRefusedException(List<FieldError> errors) {
        super(errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(""));
        this.errors = List.copyOf(errors);
    }

    public SilenceRefusedException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
