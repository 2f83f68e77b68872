package dev.infradash.alerting;

import java.util.List;

/** The channel was refused; nothing was written. Carries every field that needs a fix. */
public class InvalidChannelException extends RuntimeException {

    private final List<ChannelFieldError> errors;

    public InvalidChannelException(List<ChannelFieldError> errors) {
        super(errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(""));
        this.errors = List.copyOf(errors);
    }

    public List<ChannelFieldError> errors() {
        return errors;
    }
}
