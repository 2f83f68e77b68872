package dev.infradash.targets;

/** The targets file exists but cannot be used; the message names the file and the group. */
class InvalidTargetFileException extends Exception {

    InvalidTargetFileException(String message) {
        super(message);
    }
}
