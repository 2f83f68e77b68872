package dev.infradash.fleet;

import dev.infradash.base.Reading;

/** What node_exporter tells about a server. Any reading may be null: unavailable. */
public record NodeMetrics(
        Reading cpuBusyPercent,
        Reading load1,
        Reading memoryUsedPercent,
        Reading memoryTotalBytes,
        Reading rootFilesystemUsedPercent,
        Reading diskReadBytesPerSecond,
        Reading diskWriteBytesPerSecond,
        Reading networkReceiveBytesPerSecond,
        Reading networkTransmitBytesPerSecond,
        Reading uptimeSeconds,
        Reading cores) {

    public static final NodeMetrics NONE =
            new NodeMetrics(null, null, null, null, null, null, null, null, null, null, null);
}
