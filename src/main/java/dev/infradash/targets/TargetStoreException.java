package dev.infradash.targets;

/** Why {@link TargetFileStore} did not change the targets file. The file is unchanged whenever one is thrown. */
public class TargetStoreException extends RuntimeException {

    TargetStoreException(String message) {
        super(message);
    }

    TargetStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
