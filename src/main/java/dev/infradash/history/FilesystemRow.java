package dev.infradash.history;

import org.jspecify.annotations.Nullable;

/**
 * One mounted filesystem in the detail view, as at the end of the window.
 *
 * @param inodesUsedPercent null where the filesystem has no inode count (btrfs, some network filesystems)
 * @param fullInSeconds     when it is full at the window's trend ({@code predict_linear}); null when not filling up
 */
public record FilesystemRow(
        String mountpoint,
        String device,
        String fstype,
        @Nullable Double usedPercent,
        @Nullable Double sizeBytes,
        @Nullable Double availBytes,
        @Nullable Double inodesUsedPercent,
        boolean readOnly,
        @Nullable Double fullInSeconds) {}
