package dev.infradash.history;

import dev.infradash.base.chart.Unit;

/**
 * The history charts of a server's detail view. Each is ONE PromQL expression (see
 * {@link ChartQueries}) whose series are told apart by {@link #seriesLabel()}; the same expression
 * serves the range query when a view opens and the live part of the collector's cycle.
 */
public enum Chart {
    CPU("CPU by mode", Unit.PERCENT, true, "mode", false),
    LOAD("Load average", Unit.NONE, false, "series", false),
    /** Share of time tasks stalled on CPU, memory or I/O; only kernels with PSI export it. */
    PRESSURE("Pressure (share of time stalled)", Unit.PERCENT, false, "series", false, true),
    MEMORY("Memory", Unit.BYTES, false, "series", false),
    MEMORY_BREAKDOWN("Memory breakdown", Unit.BYTES, true, "series", false),
    SWAP("Swap", Unit.BYTES, false, "series", false),
    DISK_USAGE("Disk usage", Unit.PERCENT, false, "mountpoint", false),
    DISK_IO("Disk I/O", Unit.BYTES_PER_SECOND, false, "series", false),
    DISK_UTILISATION("Disk utilisation (time busy)", Unit.PERCENT, false, "device", false),
    DISK_IOPS("Disk IOPS (operations/s)", Unit.NONE, false, "series", false),
    DISK_LATENCY("Disk latency (ms per operation)", Unit.NONE, false, "series", false),
    NETWORK("Network", Unit.BITS_PER_SECOND, false, "series", false),
    NETWORK_ERRORS("Network errors and drops (packets/s)", Unit.NONE, false, "series", false),
    /** hwmon and thermal zones; virtual machines usually export neither. */
    TEMPERATURE("Temperatures", Unit.CELSIUS, false, "chip", false, true),
    GPU_UTILIZATION("GPU utilisation", Unit.PERCENT, false, "uuid", true),
    GPU_MEMORY("GPU memory (VRAM)", Unit.PERCENT, false, "uuid", true),
    GPU_TEMPERATURE("GPU temperature", Unit.CELSIUS, false, "uuid", true),
    GPU_POWER("GPU power", Unit.WATTS, false, "uuid", true);

    private final String title;
    private final Unit unit;
    private final boolean stacked;
    private final String seriesLabel;
    private final boolean gpu;
    private final boolean optional;

    Chart(String title, Unit unit, boolean stacked, String seriesLabel, boolean gpu) {
        this(title, unit, stacked, seriesLabel, gpu, false);
    }

    Chart(String title, Unit unit, boolean stacked, String seriesLabel, boolean gpu, boolean optional) {
        this.optional = optional;
        this.title = title;
        this.unit = unit;
        this.stacked = stacked;
        this.seriesLabel = seriesLabel;
        this.gpu = gpu;
    }

    public String title() {
        return title;
    }

    public Unit unit() {
        return unit;
    }

    /** Stacked area (parts of a whole) rather than lines. */
    public boolean stacked() {
        return stacked;
    }

    /** The label whose value names a series of this chart. */
    public String seriesLabel() {
        return seriesLabel;
    }

    /** Shown only when the exporter has it: an empty optional chart is left out, not explained. */
    public boolean optional() {
        return optional;
    }

    /** Needs a GPU exporter. */
    public boolean gpu() {
        return gpu;
    }
}
