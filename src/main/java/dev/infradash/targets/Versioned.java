package dev.infradash.targets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A value with the version of the file it was read from.
 *
 * @param version SHA-256 (hex) of the file's bytes, or {@link #NO_FILE} when there is no file
 */
public record Versioned<T>(T value, String version) {

    public static final String NO_FILE = "no-file";

    /** The version of a file with these bytes. */
    public static String versionOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
