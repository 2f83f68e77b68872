package dev.infradash.fleet;

import dev.infradash.base.Reading;
import org.jspecify.annotations.Nullable;

/** What node_exporter tells about a server. Any reading may be null: unavailable. */
public record NodeMetrics(
        @Nullable Reading cpuBusyPercent,
        @Nullable Reading load1,
        @Nullable Reading memoryUsedPercent,
        @Nullable Reading memoryTotalBytes,
        @Nullable Reading rootFilesystemUsedPercent,
        @Nullable Reading diskReadBytesPerSecond,
        @Nullable Reading diskWriteBytesPerSecond,
        @Nullable Reading networkReceiveBytesPerSecond,
        @Nullable Reading networkTransmitBytesPerSecond,
        @Nullable Reading uptimeSeconds,
        @Nullable Reading cores) {

    public static final NodeMetrics NONE =
            new NodeMetrics(null, null, null, null, null, null, null, null, null, null, null);
}
