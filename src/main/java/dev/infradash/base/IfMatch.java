package dev.infradash.base;

import org.jspecify.annotations.Nullable;

/**
 * Optimistic concurrency as HTTP has it: GET answers a version as {@code ETag}, a write sends it
 * back in {@code If-Match}. A write without one is refused (428, RFC 6585) rather than taken as
 * "whatever is there now", which could undo a change made meanwhile.
 */
public final class IfMatch {

    private IfMatch() {}

    /**
     * The version in {@code If-Match}, as GET sent it in {@code ETag} (quoted) or bare.
     *
     * @param source where the caller gets the version, for the message, e.g. "GET /api/targets"
     * @throws MissingVersionException when there is none, or only {@code *}
     */
    public static String expectedVersion(@Nullable String ifMatch, String source) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new MissingVersionException("Send the version from " + source
                    + " (its ETag) in If-Match; a write without it could undo a change made meanwhile");
        }
        String version = ifMatch.strip();
        if (version.equals("*")) {
            throw new MissingVersionException("If-Match: * is not accepted; send the version from " + source);
        }
        if (version.length() >= 2 && version.startsWith("\"") && version.endsWith("\"")) {
            version = version.substring(1, version.length() - 1);
        }
        return version;
    }

    /** A write without a usable {@code If-Match}: answer 428. */
    public static final class MissingVersionException extends RuntimeException {
        MissingVersionException(String message) {
            super(message);
        }
    }
}
