package dev.infradash.fleet;

import org.jspecify.annotations.Nullable;

/**
 * One mounted filesystem of a server, as the collector's cycle saw it. Pseudo, overlay and
 * container mounts are filtered out by the query ({@link CollectorProperties#filesystemTypeExclude()},
 * {@link CollectorProperties#mountpointExclude()}).
 *
 * @param usedPercent   used space as df shows it, or null when not answered
 * @param sizeBytes     the filesystem's size, or null when not answered
 * @param fullInSeconds when the space runs out at the trend of the last {@link CollectorProperties#forecastWindow()}
 *                      (the zero of {@code predict_linear}); null when it is not filling up
 */
public record FilesystemUsage(
        String mountpoint,
        @Nullable Double usedPercent,
        @Nullable Double sizeBytes,
        @Nullable Double fullInSeconds) {}
