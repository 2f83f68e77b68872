package dev.infradash.targets;

/**
 * One rejected input.
 *
 * @param field   a path the settings view can map to its input, e.g. {@code servers[2].exporters[0].port},
 *                or {@code exporters[0].port} for the server being added or updated
 * @param message why, without echoing long or unprintable input
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
