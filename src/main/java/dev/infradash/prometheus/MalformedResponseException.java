package dev.infradash.prometheus;

/**
 * Thrown by parsers, which do not know the base URL; the client turns it into a
 * {@link PrometheusException} of kind MALFORMED_RESPONSE with a full message.
 */
final class MalformedResponseException extends RuntimeException {
    MalformedResponseException(String message) {
        super(message, null, false, false);
    }
}
