package dev.infradash.targets;

import dev.infradash.base.VersionConflictException;

/**
 * Optimistic-concurrency conflict: someone saved (or edited the file) after the caller loaded it.
 * Not a {@link TargetStoreException}: the REST API answers every version conflict alike (412).
 */
public class TargetsChangedException extends VersionConflictException {

    private final String expectedVersion;
    private final String actualVersion;

    TargetsChangedException(String expectedVersion, String actualVersion) {
        super("the server list changed since you opened it: reload it and apply your change again");
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    @Override
    public String apiDetail() {
        return "The target list changed since that version; nothing was"
                + " written. GET /api/targets for the current list and its version";
    }

    public String expectedVersion() {
        return expectedVersion;
    }

    public String actualVersion() {
        return actualVersion;
    }
}
