package dev.infradash.targets;

/** Writing failed (disk full, read-only volume, ...); the old file is intact and no temp file is left. */
public class TargetsWriteException extends TargetStoreException {

    TargetsWriteException(String message) {
        super(message);
    }

    TargetsWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
