package dev.infradash.targets;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What the app currently believes the targets file says.
 *
 * @param targets the last list that could be read (empty before the first good read)
 * @param error why the file as it is on disk now cannot be used, or null when it can
 */
public record TargetsState(
        TargetList targets, Path file, @Nullable String error) {}
