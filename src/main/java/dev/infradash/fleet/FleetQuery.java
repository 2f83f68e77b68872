package dev.infradash.fleet;

import java.util.Locale;

/**
 * The fixed set of questions the collector asks Prometheus each cycle. Every one aggregates
 * {@code by (server)} (GPU ones by server and GPU), so one query answers for the whole fleet and
 * the request count never grows with the number of servers.
 */
enum FleetQuery {
    UP,
    SCRAPE_TIME,
    CPU_BUSY,
    LOAD1,
    MEMORY_USED,
    MEMORY_TOTAL,
    ROOT_FS_USED,
    DISK_READ,
    DISK_WRITE,
    NETWORK_RECEIVE,
    NETWORK_TRANSMIT,
    UPTIME,
    CORES,
    GPU_INFO,
    GPU_UTILIZATION,
    GPU_MEMORY_USED,
    GPU_TEMPERATURE,
    GPU_POWER,
    /** service checks (job blackbox), by server and service: probe_success */
    SERVICE_UP,
    /** whether blackbox_exporter itself answered the probe's scrape */
    SERVICE_PROBER_UP,
    SERVICE_LATENCY,
    SERVICE_STATUS,
    /** seconds until the earliest certificate expires */
    SERVICE_CERT_EXPIRY,
    /** percent of successful probes over 24 h */
    SERVICE_UPTIME_24H,
    /** Used % of every real filesystem, by (server, mountpoint). */
    FS_USED,
    FS_SIZE,
    /** Seconds until a filesystem is full at its recent trend; only filesystems that fill up. */
    FS_FULL_IN;

    /** The value of the {@code infradash_query} label that tags this query's part of the combined answer. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
