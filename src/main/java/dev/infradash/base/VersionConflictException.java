package dev.infradash.base;

/**
 * A write named a version (the REST API's {@code If-Match}, or the version a form opened with)
 * that is no longer the stored one: nothing was written. The REST API answers 412 with
 * {@link #apiDetail()} ({@link VersionProblems}), the UI asks the user to reload.
 */
public abstract class VersionConflictException extends RuntimeException {

    protected VersionConflictException(String message) {
        super(message);
    }

    /** The 412's detail for a REST client: what changed, and what to GET for its current version. */
    public abstract String apiDetail();
}
