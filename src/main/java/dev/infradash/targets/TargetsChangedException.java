package dev.infradash.targets;

/** Optimistic-concurrency conflict: someone saved (or edited the file) after the caller loaded it. */
public class TargetsChangedException extends TargetStoreException {

    private final String expectedVersion;
    private final String actualVersion;

    TargetsChangedException(String expectedVersion, String actualVersion) {
        super("the server list changed since you opened it: reload it and apply your change again");
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String expectedVersion() {
        return expectedVersion;
    }

    public String actualVersion() {
        return actualVersion;
    }
}
