package dev.infradash.targets;

/**
 * The file on disk cannot be read as a server list (an external edit broke it). Saving over it
 * needs {@code overwriteUnparseable=true}, i.e. an administrator's confirmation; {@link #version()}
 * is what that save must pass as expected version.
 */
public class UnparseableTargetsException extends TargetStoreException {

    private final String reason;
    private final String version;

    UnparseableTargetsException(String reason, String version) {
        super("the targets file cannot be read: " + reason + ". Saving replaces it only when an administrator "
                + "confirms overwriting it; the broken file is then kept as a backup next to it");
        this.reason = reason;
        this.version = version;
    }

    public String reason() {
        return reason;
    }

    public String version() {
        return version;
    }
}
