package dev.infradash.targets;

/**
 * A value with the version of the file it was read from.
 *
 * @param version SHA-256 (hex) of the file's bytes, or {@link #NO_FILE} when there is no file
 */
public record Versioned<T>(T value, String version) {

    public static final String NO_FILE = "no-file";
}
