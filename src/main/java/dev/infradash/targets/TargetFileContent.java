package dev.infradash.targets;

import org.jspecify.annotations.Nullable;

/**
 * What one read of the targets file found.
 *
 * @param bytes   the file's content; null when there is no file
 * @param version see {@link Versioned#version()}
 * @param targets the servers it declares; null when it cannot be used
 * @param error   why it cannot be used, naming the file and the target group; null when it can
 */
record TargetFileContent(
        byte @Nullable [] bytes,
        String version,
        @Nullable TargetList targets,
        @Nullable String error) {

    /** No file is a fresh install, not an error: an empty list. */
    static final TargetFileContent NO_FILE = new TargetFileContent(null, Versioned.NO_FILE, TargetList.EMPTY, null);
}
